package app.flashcastr.stack;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import app.flashcastr.bench.stack.ServiceJvm;
import app.flashcastr.contracts.messaging.Envelope;
import app.flashcastr.contracts.messaging.EnvelopeCodec;
import app.flashcastr.contracts.messaging.FlashReceived;
import app.flashcastr.contracts.messaging.FlashTopology;
import app.flashcastr.contracts.messaging.MessageType;
import app.flashcastr.simulators.feed.FeedSimulator;
import app.flashcastr.simulators.feed.FeedSimulatorSettings;
import app.flashcastr.simulators.feed.SimulatedFlash;
import app.flashcastr.simulators.ipfs.IpfsSimulator;
import app.flashcastr.simulators.ipfs.IpfsSimulatorSettings;
import app.flashcastr.testinfra.IsolatedDatabase;
import app.flashcastr.testinfra.IsolatedVhost;
import app.flashcastr.testinfra.RabbitCluster;
import app.flashcastr.testinfra.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Broker faults with real processes: the producer and consumer JVMs (their exec jars,
 * started by the bench's {@link ServiceJvm}) on the local three-node cluster
 * ({@code rabbitmq/cluster.sh start}), flashes announced through the producer's outbox
 * (the relay publishes them with confirms) and pinned by the consumer against the
 * simulators. Each test counts lost flashes (no CID at the end), duplicate CID writes (a
 * trigger logs every update of {@code ipfs_cid}) and duplicate pins (the Kubo simulator's
 * ledger), and prints them. No user is registered, so nothing is cast: casts are not
 * counted here.
 */
class BrokerFaultTests {

	private static final Duration DRAIN_LIMIT = Duration.ofSeconds(180);

	/** No new pin for this long: what is still missing is stuck, not slow. */
	private static final Duration STALL = Duration.ofSeconds(30);

	/**
	 * Generous: on a shared 2-core machine under load a service JVM took 150 s to start.
	 */
	private static final Duration READY_LIMIT = Duration.ofMinutes(5);

	private final RabbitCluster cluster = TestInfrastructure.cluster();

	private final List<AutoCloseable> resources = new ArrayList<>();

	private IsolatedDatabase database;

	private IsolatedVhost vhost;

	private FeedSimulator feed;

	private IpfsSimulator ipfs;

	private ServiceJvm producer;

	private ServiceJvm consumer;

	/** How the consumer was started, to start it again (a deploy). */
	private Runnable consumerRestart;

	private Connection connection;

	private String testName;

	@BeforeEach
	void start(TestInfo test) throws Exception {
		this.testName = test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test");
		this.database = TestInfrastructure.newDatabase();
		this.vhost = this.cluster.newVhost();
		this.resources.add(() -> TestInfrastructure.release(this.database));
		this.resources.add(() -> TestInfrastructure.release(this.vhost));
		this.feed = FeedSimulator.start(FeedSimulatorSettings.defaults());
		this.ipfs = IpfsSimulator.start(IpfsSimulatorSettings.defaults());
		this.resources.add(this.feed);
		this.resources.add(this.ipfs);
		Map<String, String> common = Map.of("DATABASE_URL", this.database.postgresUrl(), "RABBITMQ_URL",
				this.cluster.amqpUrl(this.vhost), "FLASHCASTR_AMQP_QUORUM_INITIAL_GROUP_SIZE", "3");
		Map<String, String> producerEnv = new LinkedHashMap<>(common);
		producerEnv.putAll(Map.of("SYNC_ENABLED", "false", "FEED_API_URL", "http://127.0.0.1:9"));
		Map<String, String> consumerEnv = new LinkedHashMap<>(common);
		consumerEnv.putAll(Map.of("FEED_API_URL", this.feed.baseUri().toString(), "IPFS_PROVIDER", "kubo",
				"KUBO_API_URL", this.ipfs.kuboUri().toString()));
		Path logs = Path.of("target", "broker-faults").toAbsolutePath();
		List<String> jvm = List.of("-Xmx384m");
		this.producer = service("producer", jvm, producerEnv, logs);
		this.consumer = service("consumer", jvm, consumerEnv, logs);
		this.consumerRestart = () -> {
			try {
				this.consumer.close();
				this.consumer = service("consumer", jvm, consumerEnv, logs);
				this.consumer.awaitReady(READY_LIMIT);
			}
			catch (Exception ex) {
				throw new IllegalStateException("consumer restart failed", ex);
			}
		};
		this.producer.awaitReady(READY_LIMIT);
		this.consumer.awaitReady(READY_LIMIT);
		this.connection = DriverManager.getConnection(this.database.jdbcUrl(), this.database.username(),
				this.database.password());
		this.resources.add(this.connection);
		try (Statement statement = this.connection.createStatement()) {
			// Every committed write of a CID, however it came about: a second one for a
			// flash is a duplicate.
			statement.execute("CREATE TABLE cid_writes (flash_id bigint NOT NULL, cid text)");
			statement.execute("""
					CREATE FUNCTION log_cid_write() RETURNS trigger LANGUAGE plpgsql AS $$
					BEGIN INSERT INTO cid_writes VALUES (NEW.flash_id, NEW.ipfs_cid); RETURN NEW; END $$""");
			statement.execute("CREATE TRIGGER cid_written AFTER UPDATE OF ipfs_cid ON flashes FOR EACH ROW"
					+ " EXECUTE FUNCTION log_cid_write()");
		}
	}

	private ServiceJvm service(String module, List<String> jvm, Map<String, String> environment, Path logs)
			throws Exception {
		// Extracted, with the AOT cache the devstack's tests trained.
		Path jar = ServiceJars.extracted(module);
		ServiceJvm service = ServiceJvm.start(this.testName + "-" + module, jar,
				ServiceJars.withAotCache(jar, jvm, environment, logs), environment, logs);
		this.resources.add(0, service);
		return service;
	}

	@AfterEach
	void stop() {
		for (AutoCloseable resource : this.resources) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				System.out.println("[broker-faults] cleanup: " + ex);
			}
		}
		// Leave the cluster whole for the next test, whatever this one did to it.
		for (RabbitCluster.Node node : this.cluster.nodes()) {
			if (!this.cluster.running(node)) {
				this.cluster.start(node);
			}
		}
		this.cluster.awaitAllRunning(Duration.ofSeconds(60));
	}

	/**
	 * 10,000 flashes announced at about 500 a second; the node leading the consumer's
	 * queue is killed with SIGKILL once half are announced (the relay still publishing)
	 * or a third pinned, whichever comes first. Nothing is lost or written twice, and the
	 * pin rate is back within 30 s.
	 */
	@Test
	void killingTheQueueLeaderLosesNothing() throws Exception {
		int total = 10_000;
		List<SimulatedFlash> flashes = this.feed.emitFlashes(total);
		insertFlashes(flashes);
		Announcer announcer = new Announcer(flashes, 125, Duration.ofMillis(500));
		announcer.start();

		// Once the consumer is past its cold start (a fifth pinned), while the relay
		// still has flashes to publish (at most four fifths announced).
		await("a fifth pinned or four fifths announced").atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> pinned() >= total / 5 || announcer.announced() >= total * 4 / 5);
		int announcedAtKill = announcer.announced();
		int outboxAtKill = outboxDepth();
		RabbitCluster.Node leader = this.cluster.leader(this.vhost.name(), FlashTopology.CONSUMER_QUEUE);
		assertThat(leader).as("leader of the consumer queue").isNotNull();
		// Pinned count once a second, on a clock of its own: the rate before the kill and
		// each second after it come from the same samples.
		PinSampler sampler = new PinSampler();
		this.resources.add(0, sampler);
		await("four seconds of pins sampled").atMost(Duration.ofSeconds(30)).until(() -> sampler.size() >= 5);
		double rateBefore = sampler.perSecondOverLast(4);
		int sampledAtKill = sampler.size();
		long killedAt = System.nanoTime();
		this.cluster.kill9(leader);
		double killSeconds = (System.nanoTime() - killedAt) / 1e9;
		int pinnedAtKill = pinned();

		// Pins per second for 35 s after the kill (or until all are pinned). The rate is
		// back at the start of the first 5 s that pin at least half of what 5 s pinned
		// before: a window, so neither the flashes already in flight when the node died
		// (still pinned) nor one second starved of CPU on a shared machine decide it.
		await("35 s after the kill sampled, or every flash pinned").atMost(Duration.ofSeconds(90))
			.until(() -> sampler.size() > sampledAtKill + 35 || sampler.last() == total);
		sampler.close();
		List<Integer> perSecond = sampler.differencesFrom(sampledAtKill - 1);
		int previous = sampler.last();
		boolean finished = previous == total;
		double recovered = Double.NaN;
		for (int from = 1; from + 5 <= perSecond.size(); from++) {
			int pinnedInWindow = perSecond.subList(from, from + 5).stream().mapToInt(Integer::intValue).sum();
			if (pinnedInWindow >= rateBefore * 5 / 2) {
				recovered = killSeconds + from;
				break;
			}
		}
		if (Double.isNaN(recovered) && finished) {
			recovered = killSeconds + perSecond.size();
		}
		System.out.println("[broker-faults] pins per second after the kill: " + perSecond);
		RabbitCluster.Node newLeader = this.cluster.leader(this.vhost.name(), FlashTopology.CONSUMER_QUEUE);
		// The consumer's queue depth is read from whichever node its connection reaches.
		double depth = await("queue depth read through a surviving node").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> scraped(this.consumer, "invaders_consumer_queue_depth"), (value) -> !Double.isNaN(value));
		System.out.println("[broker-faults] consumer's queue depth after the kill: " + depth);

		announcer.awaitDone(Duration.ofSeconds(60));
		Outcome outcome = drain(total);
		double relayFailures = this.producer.counter("invaders_bot_messages_failed");
		System.out
			.printf("[broker-faults] kill -9 of the consumer-queue leader %s (new leader %s) with %,d of %,d flashes"
					+ " announced (%,d still in the outbox) and %,d pinned at %.0f flashes/s: lost %d, duplicate CID"
					+ " writes %d, duplicate pins %d, rate back (>= half) after %.1f s, relay publishes failed and"
					+ " retried %.0f, redelivered and skipped by the consumer %.0f, kill took %.1f s%n", leader.name(),
					(newLeader != null) ? newLeader.name() : "none", announcedAtKill, total, outboxAtKill, pinnedAtKill,
					rateBefore, outcome.lost(), outcome.duplicateCidWrites(), outcome.duplicatePins(), recovered,
					relayFailures, this.consumer.counter("invaders_consumer_flashes_duplicate"), killSeconds);
		assertThat(outcome.lost()).as("lost flashes").isZero();
		assertThat(outcome.duplicateCidWrites()).as("duplicate CID writes").isZero();
		assertThat(recovered).as("seconds until the rate is back").isLessThanOrEqualTo(30);
		this.cluster.start(leader);
	}

	/**
	 * The three nodes restarted one after the other while the producer publishes (about
	 * 100 flashes a second, for as long as the restarts take): the outbox drains and
	 * nothing is lost.
	 */
	@Test
	void aRollingRestartOfTheThreeNodesLosesNothing() throws Exception {
		List<SimulatedFlash> flashes = this.feed.emitFlashes(30_000);
		insertFlashes(flashes);
		Announcer announcer = new Announcer(flashes, 50, Duration.ofMillis(500));
		announcer.start();
		await("something pinned before the restarts").atMost(Duration.ofSeconds(60)).until(() -> pinned() > 0);
		long started = System.nanoTime();
		for (RabbitCluster.Node node : this.cluster.nodes()) {
			this.cluster.restart(node);
			System.out.printf("[broker-faults] rolling restart: %s back after %.1f s, %,d announced, %,d pinned%n",
					node.name(), (System.nanoTime() - started) / 1e9, announcer.announced(), pinned());
		}
		double restartsSeconds = (System.nanoTime() - started) / 1e9;
		long lastRestartDone = System.nanoTime();
		int total = announcer.stop();
		int outboxAtLastRestart = outboxDepth();
		await("outbox drained").atMost(DRAIN_LIMIT)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> outboxDepth() == 0);
		double outboxDrainedAfter = (System.nanoTime() - lastRestartDone) / 1e9;
		Outcome outcome = drain(total);
		System.out.printf(
				"[broker-faults] rolling restart of 3 nodes in %.1f s while %,d flashes were announced: lost %d,"
						+ " duplicate CID writes %d, duplicate pins %d, outbox %,d after the last restart and empty"
						+ " %.1f s later, relay publishes failed and retried %.0f, broker-unreachable polls %.0f%n",
				restartsSeconds, total, outcome.lost(), outcome.duplicateCidWrites(), outcome.duplicatePins(),
				outboxAtLastRestart, outboxDrainedAfter, this.producer.counter("invaders_bot_messages_failed"),
				this.producer.counter("invaders_bot_outbox_relay_errors"));
		assertThat(outcome.lost()).as("lost flashes").isZero();
		assertThat(outboxDepth()).as("outbox entries left").isZero();
	}

	/**
	 * Waits until every flash has its CID (or the limit), then counts. Flashes still
	 * missing then get one consumer restart, as a deploy would do: RabbitMQ 3.x can leave
	 * a quorum queue's delivery checked out to a live consumer after a leader election,
	 * never redelivered until that consumer's channel closes (rabbitmq-server#15473).
	 * What the restart brings back is printed; what is missing after it is lost.
	 */
	private Outcome drain(int total) throws Exception {
		if (!allPinnedWithin(total, DRAIN_LIMIT)) {
			int missing = total - pinned();
			System.out.println("[broker-faults] " + missing + " not pinned (none for " + STALL + ", or " + DRAIN_LIMIT
					+ " in all); consumer queue: "
					+ this.cluster.queueState(this.vhost.name(), FlashTopology.CONSUMER_QUEUE) + ", consumer in flight "
					+ scraped(this.consumer, "invaders_consumer_in_flight") + "; logs " + this.consumer.log() + ", "
					+ this.producer.log() + "; restarting the consumer");
			this.consumerRestart.run();
			allPinnedWithin(total, DRAIN_LIMIT);
			System.out.println("[broker-faults] the consumer's restart brought back " + (missing - (total - pinned()))
					+ " of " + missing);
		}
		int lost = total - pinned();
		System.out.println("[broker-faults] dead letters in " + FlashTopology.DEAD_LETTER_QUEUE + ": "
				+ this.cluster.messages(this.vhost.name(), FlashTopology.DEAD_LETTER_QUEUE));
		if (lost > 0) {
			// Where the missing ones went: the broker's dead letters say why they left
			// (x-first-death-reason), the counters what the consumer decided.
			System.out.println("[broker-faults] " + lost + " not pinned; dead letters: "
					+ this.cluster.peek(this.vhost.name(), FlashTopology.DEAD_LETTER_QUEUE, 5)
					+ "; consumer dead-lettered " + this.consumer.counter("invaders_consumer_dead_lettered")
					+ ", duplicates skipped " + this.consumer.counter("invaders_consumer_flashes_duplicate"));
		}
		int writes = count("SELECT count(*) FROM cid_writes");
		int distinct = count("SELECT count(DISTINCT flash_id) FROM cid_writes");
		int duplicatePins = this.ipfs.successfulPins() - distinct;
		return new Outcome(lost, writes - distinct, duplicatePins);
	}

	/**
	 * Whether every flash got its CID within {@code limit}. Gives up early once no flash
	 * was pinned for {@link #STALL}: a delivery stuck after a leader election waits for
	 * the consumer's restart, not for the limit.
	 */
	private boolean allPinnedWithin(int total, Duration limit) throws SQLException {
		long[] progress = { pinned(), System.nanoTime() };
		await("every flash pinned, or no pin for " + STALL).atMost(limit)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> {
				int pinned = pinned();
				if (pinned != progress[0]) {
					progress[0] = pinned;
					progress[1] = System.nanoTime();
				}
				return pinned == total || System.nanoTime() - progress[1] > STALL.toNanos();
			});
		return pinned() == total;
	}

	private void insertFlashes(List<SimulatedFlash> flashes) throws SQLException {
		try (PreparedStatement insert = this.connection.prepareStatement("""
				INSERT INTO flashes (flash_id, city, player, img, text, timestamp, flash_count)
				SELECT id, city, player, img, text, to_timestamp(ts) AT TIME ZONE 'UTC', flash_count
				FROM UNNEST(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[])
				  AS f(id, city, player, img, text, ts, flash_count)
				""")) {
			insert.setArray(1,
					this.connection.createArrayOf("int8", flashes.stream().map(SimulatedFlash::flashId).toArray()));
			insert.setArray(2,
					this.connection.createArrayOf("text", flashes.stream().map(SimulatedFlash::city).toArray()));
			insert.setArray(3,
					this.connection.createArrayOf("text", flashes.stream().map(SimulatedFlash::player).toArray()));
			insert.setArray(4,
					this.connection.createArrayOf("text", flashes.stream().map(SimulatedFlash::img).toArray()));
			insert.setArray(5,
					this.connection.createArrayOf("text", flashes.stream().map(SimulatedFlash::text).toArray()));
			insert.setArray(6,
					this.connection.createArrayOf("int8", flashes.stream().map(SimulatedFlash::timestamp).toArray()));
			insert.setArray(7,
					this.connection.createArrayOf("text", flashes.stream().map(SimulatedFlash::flashCount).toArray()));
			insert.executeUpdate();
		}
	}

	private int pinned() throws SQLException {
		return count("SELECT count(*) FROM flashes WHERE ipfs_cid <> ''");
	}

	private int outboxDepth() throws SQLException {
		return count("SELECT count(*) FROM outbox");
	}

	private synchronized int count(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getInt(1);
		}
	}

	/** Samples the pinned count once a second on its own scheduler thread. */
	private final class PinSampler implements AutoCloseable {

		private final List<Integer> samples = new CopyOnWriteArrayList<>();

		private final ScheduledExecutorService clock = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("pin-sampler").factory());

		PinSampler() {
			this.clock.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
		}

		private void sample() {
			try {
				this.samples.add(pinned());
			}
			catch (SQLException ex) {
				System.out.println("[broker-faults] pin sample failed: " + ex);
			}
		}

		int size() {
			return this.samples.size();
		}

		int last() {
			return this.samples.isEmpty() ? -1 : this.samples.get(this.samples.size() - 1);
		}

		double perSecondOverLast(int seconds) {
			int end = this.samples.size() - 1;
			return (this.samples.get(end) - this.samples.get(end - seconds)) / (double) seconds;
		}

		/** Pins in each second after sample {@code from}. */
		List<Integer> differencesFrom(int from) {
			List<Integer> snapshot = List.copyOf(this.samples);
			List<Integer> perSecond = new ArrayList<>();
			for (int i = Math.max(1, from + 1); i < snapshot.size(); i++) {
				perSecond.add(snapshot.get(i) - snapshot.get(i - 1));
			}
			return perSecond;
		}

		@Override
		public void close() {
			this.clock.shutdownNow();
		}

	}

	/** A gauge from the service's Prometheus scrape; NaN when absent or unreadable. */
	private static double scraped(ServiceJvm service, String name) {
		try {
			java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest
					.newBuilder(java.net.URI.create("http://127.0.0.1:" + service.port() + "/actuator/prometheus"))
					.timeout(Duration.ofSeconds(15))
					.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
			return response.body()
				.lines()
				.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
				.map((line) -> line.substring(line.lastIndexOf(' ') + 1))
				.mapToDouble(Double::parseDouble)
				.findFirst()
				.orElse(Double.NaN);
		}
		catch (Exception ex) {
			return Double.NaN;
		}
	}

	/**
	 * Writes {@code flash.received} entries into the producer's outbox in chunks, as its
	 * sync would, on its own connection; the producer's relay publishes them.
	 */
	private final class Announcer {

		private final List<SimulatedFlash> flashes;

		private final int chunk;

		private final Duration every;

		private final AtomicInteger announced = new AtomicInteger();

		private final AtomicBoolean failed = new AtomicBoolean();

		private final AtomicBoolean stopped = new AtomicBoolean();

		private final ScheduledExecutorService clock = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("announcer").factory());

		private final EnvelopeCodec codec = new EnvelopeCodec();

		private final Instant seen = Instant.now();

		private Connection own;

		private PreparedStatement insert;

		private int next;

		Announcer(List<SimulatedFlash> flashes, int chunk, Duration every) {
			this.flashes = flashes;
			this.chunk = chunk;
			this.every = every;
		}

		void start() throws SQLException {
			this.own = DriverManager.getConnection(BrokerFaultTests.this.database.jdbcUrl(),
					BrokerFaultTests.this.database.username(), BrokerFaultTests.this.database.password());
			this.insert = this.own.prepareStatement("""
					INSERT INTO outbox (message_id, exchange, routing_key, message_type, message_version, body)
					VALUES (?, ?, ?, ?, ?, ?)""");
			BrokerFaultTests.this.resources.add(0, this::close);
			this.clock.scheduleAtFixedRate(this::announceChunk, 0, this.every.toMillis(), TimeUnit.MILLISECONDS);
		}

		int announced() {
			return this.announced.get();
		}

		/**
		 * Stops announcing after the chunk in progress; returns how many were announced.
		 */
		int stop() throws Exception {
			this.stopped.set(true);
			close();
			assertThat(this.failed).as("announcer failed").isFalse();
			return this.announced.get();
		}

		void awaitDone(Duration limit) {
			await("every flash announced").atMost(limit)
				.until(() -> this.failed.get() || this.announced.get() == this.flashes.size());
			assertThat(this.failed).as("announcer failed").isFalse();
		}

		private void close() throws Exception {
			this.clock.shutdown();
			this.clock.awaitTermination(30, TimeUnit.SECONDS);
			if (this.own != null) {
				this.own.close();
			}
		}

		/**
		 * One chunk per tick of the fixed-rate clock, as the sync's runs would write
		 * them.
		 */
		private void announceChunk() {
			if (this.stopped.get() || this.failed.get() || this.next >= this.flashes.size()) {
				return;
			}
			try {
				List<SimulatedFlash> chunkFlashes = this.flashes.subList(this.next,
						Math.min(this.flashes.size(), this.next + this.chunk));
				for (SimulatedFlash flash : chunkFlashes) {
					Envelope<FlashReceived> envelope = Envelope.of(MessageType.FLASH_RECEIVED, this.seen,
							"invaders-bot", Envelope.correlationIdOf(flash.flashId()),
							new FlashReceived(flash.flashId(), flash.img(), flash.city(), flash.text(), flash.player(),
									flash.timestamp(), flash.flashCount(), this.seen));
					this.insert.setObject(1, UUID.randomUUID());
					this.insert.setString(2, FlashTopology.EVENTS_EXCHANGE);
					this.insert.setString(3, MessageType.FLASH_RECEIVED.name());
					this.insert.setString(4, MessageType.FLASH_RECEIVED.name());
					this.insert.setInt(5, MessageType.FLASH_RECEIVED.version());
					this.insert.setBytes(6, this.codec.encode(envelope));
					this.insert.addBatch();
				}
				this.insert.executeBatch();
				this.next += chunkFlashes.size();
				this.announced.addAndGet(chunkFlashes.size());
			}
			catch (Exception ex) {
				this.failed.set(true);
				System.out.println("[broker-faults] announcer failed: " + ex);
			}
		}

	}

	/**
	 * What a fault cost.
	 *
	 * @param lost flashes without a CID at the end
	 * @param duplicateCidWrites CID writes beyond the first of each flash
	 * @param duplicatePins successful pins beyond one per stored flash
	 */
	record Outcome(int lost, int duplicateCidWrites, int duplicatePins) {
	}

}
