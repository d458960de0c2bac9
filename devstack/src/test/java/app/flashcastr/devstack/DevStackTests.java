package app.flashcastr.devstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import app.flashcastr.devstack.infra.Ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

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
			assertThat(Files.readString(this.root.resolve(".devstack/status.json")))
				.contains("\"state\" : \"degraded\"", "\"state\" : \"exited\"", "\"exitCode\" : 9");
			assertThat(Ports.answers(Ports.LOOPBACK, 8081)).as("simulators still up").isTrue();
		}
		finally {
			stack.stop();
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

	private DevStackSettings settings(Map<String, String> environment) {
		return new DevStackSettings(this.root, VERSION, Path.of(System.getProperty("java.home"), "bin", "java"),
				environment, true, environment.getOrDefault(DevStackSettings.SERVICES, ""), false,
				Duration.ofSeconds(30));
	}

	private Path jar(String module) {
		return this.root.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-exec.jar");
	}

	private PrintStream console() {
		return new PrintStream(this.output, true, StandardCharsets.UTF_8);
	}

}
