package app.flashcastr.devstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import app.flashcastr.devstack.service.StoredFlashes;
import app.flashcastr.devstack.service.StoredFlashesTests;
import app.flashcastr.localinfra.Ports;
import app.flashcastr.testinfra.IsolatedDatabase;
import app.flashcastr.testinfra.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole devstack with stand-in jars: infrastructure (local here, embedded elsewhere),
 * child JVMs, readiness, status file, shutdown.
 */
class DevStackTests {

	private static final String VERSION = "0.1.0-SNAPSHOT";

	@TempDir
	Path root;

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	@Test
	void startsEverythingWritesStatusAndStopsCleanly() throws Exception {
		assumeFalse(
				Ports.answers(Ports.LOOPBACK, 8081) || Ports.answers(Ports.LOOPBACK, 9090)
						|| Ports.answers(Ports.LOOPBACK, 9091) || Ports.answers(Ports.LOOPBACK, 9092),
				"8081, 9090, 9091 or 9092 is taken on this machine");
		StandInJars.write(jar("simulators"));
		StandInJars.write(jar("producer"));
		StandInJars.write(jar("consumer"));
		StandInJars.write(jar("api"));
		DevStack stack = new DevStack(settings(Map.of()), console());

		int exitCode = stack.start();

		String console = this.output.toString(StandardCharsets.UTF_8);
		try {
			assertThat(exitCode).as(console).isZero();
			assertThat(console).contains("[simulators] stand-in up on 8081", "[producer] stand-in up on 9090",
					"[consumer] stand-in up on 9091", "http://127.0.0.1:9090/actuator/prometheus",
					"http://127.0.0.1:8081/flashinvaders/flashes/");
			String status = Files.readString(this.root.resolve(".devstack/status.json"));
			assertThat(status).contains("\"state\" : \"ready\"", "\"name\" : \"simulators\"", "\"name\" : \"producer\"",
					"\"name\" : \"consumer\"", "\"pid\" : " + ProcessHandle.current().pid());
		}
		finally {
			stack.stop();
		}

		assertThat(this.root.resolve(".devstack/status.json")).doesNotExist();
		assertThat(Ports.answers(Ports.LOOPBACK, 9090)).isFalse();
		assertThat(this.output.toString(StandardCharsets.UTF_8)).contains("[devstack] stopped");
	}

	@Test
	void replicasEachGetTheirNamePortsStatusEntryAndScrapeTarget() throws Exception {
		assumeFalse(
				Ports.answers(Ports.LOOPBACK, 8081) || Ports.answers(Ports.LOOPBACK, 9091)
						|| Ports.answers(Ports.LOOPBACK, 9191) || Ports.answers(Ports.LOOPBACK, 9291),
				"8081, 9091, 9191 or 9291 is taken on this machine");
		StandInJars.write(jar("simulators"));
		StandInJars.write(jar("consumer"));
		DevStack stack = new DevStack(settings(
				Map.of(DevStackSettings.SERVICES, "simulators,consumer", DevStackSettings.REPLICAS, "consumer:3")),
				console());
		try {
			int exitCode = stack.start();

			String console = this.output.toString(StandardCharsets.UTF_8);
			assertThat(exitCode).as(console).isZero();
			assertThat(console).contains("[consumer-1] stand-in up on 9091", "[consumer-2] stand-in up on 9191",
					"[consumer-3] stand-in up on 9291", "consumer-3 metrics",
					"http://127.0.0.1:9291/actuator/prometheus", "replicas", "consumer-2 :9191");
			String status = Files.readString(this.root.resolve(".devstack/status.json"));
			assertThat(status).contains("\"name\" : \"consumer-1\"", "\"name\" : \"consumer-2\"",
					"\"name\" : \"consumer-3\"", "\"port\" : 9291");
			assertThat(this.root.resolve(".devstack/logs/consumer-3.log")).content().contains("stand-in up on 9291");
			String targets = Files.readString(this.root.resolve(".devstack/prometheus/invaders-consumer.json"));
			assertThat(targets).contains("\"127.0.0.1:9191\"", "\"instance\" : \"consumer-3\"");
		}
		finally {
			stack.stop();
		}
		assertThat(Files.readString(this.root.resolve(".devstack/prometheus/invaders-consumer.json")))
			.as("emptied at stop")
			.doesNotContain("127.0.0.1");
	}

	@Test
	void theClusterIsUsedOnlyWhenAskedAndRefusedNamingTheCommandWhileANodeIsDown() throws Exception {
		assumeFalse(Ports.answers(Ports.LOOPBACK, 5701), "a cluster node answers on 5701 here");
		StandInJars.write(jar("simulators"));
		DevStack stack = new DevStack(
				settings(Map.of(DevStackSettings.SERVICES, "simulators", DevStackSettings.RABBITMQ, "cluster")),
				console());

		assertThat(stack.start()).isOne();
		stack.stop();

		assertThat(this.output.toString(StandardCharsets.UTF_8))
			.contains("DEVSTACK_RABBITMQ=cluster: the node on 127.0.0.1:5701 is not usable (nothing listens);"
					+ " start the cluster first: rabbitmq/cluster.sh start")
			.doesNotContain("[simulators] stand-in up");
	}

	@Test
	void withTheLocalClusterRunningTheServicesAreGivenEveryNode() throws Exception {
		assumeTrue(
				Ports.answers(Ports.LOOPBACK, 5701) && Ports.answers(Ports.LOOPBACK, 5702)
						&& Ports.answers(Ports.LOOPBACK, 5703),
				"the local cluster does not run: rabbitmq/cluster.sh start");
		assumeFalse(Ports.answers(Ports.LOOPBACK, 8081), "8081 is taken on this machine");
		StandInJars.write(jar("simulators"));
		DevStack stack = new DevStack(
				settings(Map.of(DevStackSettings.SERVICES, "simulators", DevStackSettings.RABBITMQ, "cluster")),
				console());
		try {
			assertThat(stack.start()).as(this.output.toString(StandardCharsets.UTF_8)).isZero();

			assertThat(this.output.toString(StandardCharsets.UTF_8)).contains("AMQP broker (local 3-node cluster)");
			assertThat(Files.readString(this.root.resolve(".devstack/status.json"))).contains(
					"\"origin\" : \"cluster\"", "amqp://guest:guest@127.0.0.1:5701,amqp://guest:guest@127.0.0.1:5702,"
							+ "amqp://guest:guest@127.0.0.1:5703");
		}
		finally {
			stack.stop();
		}
	}

	@Test
	void badReplicasAreRefusedBeforeAnythingStarts() {
		DevStack stack = new DevStack(settings(Map.of(DevStackSettings.REPLICAS, "simulators:2")), console());

		assertThat(stack.start()).isOne();
		stack.stop();

		assertThat(this.output.toString(StandardCharsets.UTF_8))
			.contains("DEVSTACK_REPLICAS: 'simulators:2': only producer, consumer and api can have replicas");
	}

	@Test
	void serviceDyingAfterReadyIsReportedLoudlyAndTheOthersKeepRunning() throws Exception {
		assumeFalse(
				Ports.answers(Ports.LOOPBACK, 8081) || Ports.answers(Ports.LOOPBACK, 9090)
						|| Ports.answers(Ports.LOOPBACK, 9091) || Ports.answers(Ports.LOOPBACK, 9092),
				"8081, 9090, 9091 or 9092 is taken on this machine");
		StandInJars.write(jar("simulators"));
		Path producer = StandInJars.write(jar("producer"));
		StandInJars.write(jar("consumer"));
		StandInJars.write(jar("api"));
		Files.createFile(producer.resolveSibling(producer.getFileName() + ".crash"));
		DevStack stack = new DevStack(settings(Map.of()), console());
		try {
			assertThat(stack.start()).isZero();

			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.output.toString(StandardCharsets.UTF_8)).contains("producer (pid ")
					.contains("EXITED UNEXPECTEDLY with code 9")
					.contains("!!!   stand-in crashing on purpose"));
			// The status file is rewritten after the console line: wait for it too.
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(Files.readString(this.root.resolve(".devstack/status.json")))
					.contains("\"state\" : \"degraded\"", "\"state\" : \"exited\"", "\"exitCode\" : 9"));
			assertThat(Ports.answers(Ports.LOOPBACK, 8081)).as("simulators still up").isTrue();
		}
		finally {
			stack.stop();
		}
	}

	@Test
	void ofTwoDevstacksStartedTogetherTheLoserLeavesTheWinnersStatusFile() throws Exception {
		assumeFalse(Ports.answers(Ports.LOOPBACK, 8081), "8081 is taken on this machine");
		StandInJars.write(jar("simulators"));
		Map<String, String> simulatorsOnly = Map.of(DevStackSettings.SERVICES, "simulators");
		DevStack first = new DevStack(settings(simulatorsOnly), console());
		DevStack second = new DevStack(settings(simulatorsOnly), console());
		Path status = this.root.resolve(".devstack/status.json");
		try (ExecutorService both = Executors.newFixedThreadPool(2)) {
			CountDownLatch ready = new CountDownLatch(2);
			Future<Integer> firstExit = both.submit(() -> startTogether(first, ready));
			Future<Integer> secondExit = both.submit(() -> startTogether(second, ready));
			int firstCode = firstExit.get(60, TimeUnit.SECONDS);
			int secondCode = secondExit.get(60, TimeUnit.SECONDS);
			DevStack winner = (firstCode == 0) ? first : second;
			DevStack loser = (winner == first) ? second : first;
			try {
				assertThat(firstCode + secondCode).as(this.output.toString(StandardCharsets.UTF_8)).isOne();
				assertThat(this.output.toString(StandardCharsets.UTF_8))
					.contains("a devstack is already running (pid " + ProcessHandle.current().pid());

				loser.stop();

				assertThat(new StatusFile(status).owner()).contains(winner.owner());
				assertThat(Files.readString(status)).contains("\"state\" : \"ready\"");
			}
			finally {
				winner.stop();
				loser.stop();
			}
		}
		assertThat(status).doesNotExist();
	}

	@Test
	void aDevstackFailingOnABusyPortRemovesOnlyItsOwnStatusFile() throws Exception {
		StandInJars.write(jar("simulators"));
		Path status = this.root.resolve(".devstack/status.json");
		try (ServerSocket busy = new ServerSocket()) {
			busy.bind(new InetSocketAddress(Ports.LOOPBACK, 8081));
			DevStack stack = new DevStack(settings(Map.of(DevStackSettings.SERVICES, "simulators")), console());

			assertThat(stack.start()).isOne();
			stack.stop();
		}
		catch (java.net.BindException ex) {
			assumeFalse(true, "8081 is taken on this machine");
		}

		assertThat(this.output.toString(StandardCharsets.UTF_8))
			.contains("port 8081 (for simulators) is already in use");
		assertThat(status).doesNotExist();
	}

	@Test
	void aStatusFileLeftByADeadDevstackIsTakenOver() throws Exception {
		Process exited = new ProcessBuilder("true").start();
		exited.waitFor();
		Path status = this.root.resolve(".devstack/status.json");
		StatusFile.Owner dead = new StatusFile.Owner(exited.pid(), Instant.now().toString());
		new StatusFile(status)
			.write(new StatusFile.Status("ready", dead.pid(), dead.startedAt(), null, null, List.of()));
		DevStack stack = new DevStack(settings(Map.of()), console());

		int exitCode = stack.start();

		// It got past the status file (to the missing jars), and owns the file until it
		// stops.
		assertThat(exitCode).isOne();
		assertThat(this.output.toString(StandardCharsets.UTF_8)).contains("missing simulators/target")
			.doesNotContain("already running");
		assertThat(new StatusFile(status).owner()).contains(stack.owner());
		stack.stop();
		assertThat(status).doesNotExist();
	}

	@Test
	void aRestartedDevstackContinuesTheFeedAfterTheHighestStoredFlashId() throws Exception {
		assumeFalse(Ports.answers(Ports.LOOPBACK, 8081), "8081 is taken on this machine");
		StandInJars.write(jar("simulators"));
		IsolatedDatabase database = TestInfrastructure.newDatabase();
		try {
			StoredFlashesTests.storeFlashes(database.postgresUrl(), 77_376_500L, 77_377_999L);
			DevStack stack = new DevStack(
					settings(Map.of(DevStackSettings.SERVICES, "simulators", "DATABASE_URL", database.postgresUrl())),
					console());
			try {
				assertThat(stack.start()).as(this.output.toString(StandardCharsets.UTF_8)).isZero();
			}
			finally {
				stack.stop();
			}

			assertThat(this.output.toString(StandardCharsets.UTF_8))
				.contains("[devstack] database keeps 2 flashes; the feed continues after flash id 77377999")
				.contains("[simulators] stand-in up on 8081")
				.contains("flash ids after 77377999");
		}
		finally {
			TestInfrastructure.release(database);
		}
	}

	@Test
	void cleanRefusesToEmptyADatabaseGivenByDatabaseUrl() throws Exception {
		StandInJars.write(jar("simulators"));
		IsolatedDatabase database = TestInfrastructure.newDatabase();
		try {
			StoredFlashesTests.storeFlashes(database.postgresUrl(), 77_376_500L);
			DevStack stack = new DevStack(settings(Map.of(DevStackSettings.SERVICES, "simulators", "DATABASE_URL",
					database.postgresUrl(), DevStackSettings.CLEAN, "true")), console());

			assertThat(stack.start()).isOne();
			stack.stop();

			assertThat(this.output.toString(StandardCharsets.UTF_8)).contains(
					"DEVSTACK_CLEAN=true empties only the devstack's own database, not one given by DATABASE_URL");
			assertThat(StoredFlashes.read(database.postgresUrl()).count()).isOne();
		}
		finally {
			TestInfrastructure.release(database);
		}
	}

	@Test
	void missingJarFailsBeforeStartingAnythingAndNamesTheReadmeCommand() {
		DevStack stack = new DevStack(settings(Map.of()), console());

		int exitCode = stack.start();
		stack.stop();

		assertThat(exitCode).isOne();
		assertThat(this.output.toString(StandardCharsets.UTF_8))
			.contains("missing simulators/target/simulators-0.1.0-SNAPSHOT-exec.jar")
			.contains(DevStack.README_COMMAND)
			.doesNotContain("PostgreSQL (");
	}

	@Test
	void unknownServiceNameIsRefused() {
		DevStack stack = new DevStack(settings(Map.of(DevStackSettings.SERVICES, "simulators,nope")), console());

		assertThat(stack.start()).isOne();
		assertThat(this.output.toString(StandardCharsets.UTF_8)).contains("Unknown service(s) [nope]");
	}

	private static int startTogether(DevStack stack, CountDownLatch ready) throws InterruptedException {
		ready.countDown();
		ready.await();
		return stack.start();
	}

	private DevStackSettings settings(Map<String, String> environment) {
		return new DevStackSettings(this.root, VERSION, Path.of(System.getProperty("java.home"), "bin", "java"),
				environment, true, environment.getOrDefault(DevStackSettings.SERVICES, ""), false,
				Duration.ofSeconds(30), Boolean.parseBoolean(environment.get(DevStackSettings.CLEAN)));
	}

	private Path jar(String module) {
		return this.root.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-exec.jar");
	}

	private PrintStream console() {
		return new PrintStream(this.output, true, StandardCharsets.UTF_8);
	}

}
