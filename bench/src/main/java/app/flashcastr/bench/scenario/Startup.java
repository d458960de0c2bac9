package app.flashcastr.bench.scenario;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.flashcastr.bench.report.Figure;
import app.flashcastr.bench.stack.BenchDatabase;
import app.flashcastr.bench.stack.BenchVhost;
import app.flashcastr.bench.stack.Broker;
import app.flashcastr.bench.stack.ServiceJvm;
import app.flashcastr.simulators.feed.FeedSimulator;
import app.flashcastr.simulators.feed.FeedSimulatorSettings;
import app.flashcastr.simulators.feed.SimulatedFlash;
import app.flashcastr.simulators.ipfs.IpfsSimulator;
import app.flashcastr.simulators.ipfs.IpfsSimulatorSettings;

/**
 * Start-up of each service JVM, with the JVM's default heap and with {@code -Xmx256m}:
 * seconds from process start to {@code /actuator/health/readiness} 200, and the RSS once
 * it has done a little real work (the producer one sync of the simulated feed, relayed;
 * the consumer a batch of 200 flashes pinned).
 */
public final class Startup implements Benchmark {

	private static final String NAME = "startup";

	private static final int CONSUMER_BATCH = 200;

	private static final Duration READY_LIMIT = Duration.ofSeconds(90);

	private static final String[] HEAPS = { null, "256m" };

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Duration timeLimit(BenchContext context) {
		return Duration.ofMinutes(2).multipliedBy(4L * context.runsOr(3)).plusMinutes(1);
	}

	@Override
	public List<Figure> run(BenchContext context) throws Exception {
		List<Figure> figures = new ArrayList<>();
		int runs = context.runsOr(3);
		try (FeedSimulator feed = FeedSimulator.start(FeedSimulatorSettings.defaults());
				IpfsSimulator ipfs = IpfsSimulator.start(IpfsSimulatorSettings.defaults())) {
			List<SimulatedFlash> batch = feed.emitFlashes(CONSUMER_BATCH);
			for (String service : List.of("producer", "consumer")) {
				for (String heap : HEAPS) {
					List<Double> ready = new ArrayList<>();
					List<Double> rss = new ArrayList<>();
					String heapLabel = (heap != null) ? "-Xmx" + heap : "default heap";
					for (int run = 1; run <= runs; run++) {
						String label = "startup-" + service + "-" + ((heap != null) ? heap : "default") + "-run" + run;
						double[] result = service.equals("producer") ? producer(context, feed, heap, label)
								: consumer(context, feed, ipfs, batch, heap, label);
						System.out.printf("[bench] %s %s (%s) run %d: ready in %.2f s, RSS %.0f MiB%n", NAME, service,
								heapLabel, run, result[0], result[1]);
						ready.add(result[0]);
						rss.add(result[1]);
					}
					String work = service.equals("producer") ? "one sync relayed" : CONSUMER_BATCH + " flashes pinned";
					figures.add(new Figure(NAME, service + " start → readiness 200, " + heapLabel, "s", ready, ""));
					figures.add(new Figure(NAME, service + " RSS after readiness + " + work + ", " + heapLabel, "MiB",
							rss, ""));
				}
			}
		}
		return figures;
	}

	/**
	 * The producer syncs the simulated feed once at start-up and relays the
	 * announcements.
	 */
	private double[] producer(BenchContext context, FeedSimulator feed, String heap, String label) throws Exception {
		try (BenchDatabase database = BenchDatabase.create(); BenchVhost vhost = BenchVhost.create()) {
			Map<String, String> environment = Map.of("DATABASE_URL", database.serviceUrl(), "RABBITMQ_URL",
					vhost.amqpUrl(), "FEED_API_URL", feed.baseUri().toString(), "SYNC_INTERVAL", "1h",
					"SYNC_OFF_PEAK_SKIP_PROBABILITY", "0");
			try (ServiceJvm producer = ServiceJvm.start(label, context.producerJar(), context.jvmOptions(label, heap),
					environment, context.logDirectory()); Connection connection = database.connect()) {
				double ready = producer.awaitReady(READY_LIMIT);
				// Flashes and their outbox entries commit together: stored flashes and an
				// empty outbox mean the sync is done and relayed.
				awaitTrue(producer, () -> database.count(connection, "SELECT count(*) FROM flashes") > 0
						&& database.count(connection, "SELECT count(*) FROM outbox") == 0, "producer sync");
				return new double[] { ready, producer.rssBytes() / 1048576.0 };
			}
		}
	}

	/** The consumer takes a small backlog queued before it started. */
	private double[] consumer(BenchContext context, FeedSimulator feed, IpfsSimulator ipfs, List<SimulatedFlash> batch,
			String heap, String label) throws Exception {
		try (BenchDatabase database = BenchDatabase.create(); BenchVhost vhost = BenchVhost.create()) {
			try (Connection connection = database.connect()) {
				FlashRows.insert(connection, batch);
			}
			try (Broker broker = Broker.connect(vhost)) {
				broker.declareTopology();
				broker.publish(FlashRows.announcements(batch, Instant.now()));
			}
			Map<String, String> environment = new HashMap<>(Map.of("DATABASE_URL", database.serviceUrl(),
					"RABBITMQ_URL", vhost.amqpUrl(), "FEED_API_URL", feed.baseUri().toString(), "IPFS_PROVIDER", "kubo",
					"KUBO_API_URL", ipfs.kuboUri().toString()));
			try (ServiceJvm consumer = ServiceJvm.start(label, context.consumerJar(), context.jvmOptions(label, heap),
					environment, context.logDirectory()); Connection connection = database.connect()) {
				double ready = consumer.awaitReady(READY_LIMIT);
				awaitTrue(consumer,
						() -> database.count(connection,
								"SELECT count(*) FROM flashes WHERE ipfs_cid IS NULL OR ipfs_cid = ''") == 0,
						"consumer batch");
				return new double[] { ready, consumer.rssBytes() / 1048576.0 };
			}
		}
	}

	private static void awaitTrue(ServiceJvm service, Condition condition, String what) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			service.ensureAlive();
			if (condition.met()) {
				return;
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException(what + " not done within 60 s; log: " + service.log());
	}

	@FunctionalInterface
	private interface Condition {

		boolean met() throws Exception;

	}

}
