package app.flashcastr.devstack.service;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import app.flashcastr.devstack.StandInJars;
import app.flashcastr.localinfra.Ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class ServiceProcessTests {

	private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

	@TempDir
	Path directory;

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	private final PrintStream console = new PrintStream(this.output, true, StandardCharsets.UTF_8);

	@Test
	void prefixesOutputWaitsForReadinessAndStopsWithSigterm() throws Exception {
		int port = Ports.freePort();
		ServiceSpec spec = spec("alpha", Map.of("METRICS_PORT", String.valueOf(port)), port);

		ServiceProcess service = ServiceProcess.start(spec, JAVA, Map.of(), this.directory.resolve("logs"),
				this.console);
		try {
			service.awaitReady(Duration.ofSeconds(20));
			assertThat(this.output.toString(StandardCharsets.UTF_8)).contains("[alpha] stand-in up on " + port);
			assertThat(this.directory.resolve("logs/alpha.log")).content().contains("stand-in up on " + port);
		}
		finally {
			assertThat(service.stop(Duration.ofSeconds(10))).as("stopped by SIGTERM, not killed").isTrue();
		}
		assertThat(service.isAlive()).isFalse();
	}

	@Test
	void processThatExitsBeforeReadyFailsFastWithItsLastLines() throws Exception {
		int port = Ports.freePort();
		ServiceSpec spec = spec("beta", Map.of("METRICS_PORT", String.valueOf(port), "STAND_IN_EXIT_CODE", "3"), port);

		ServiceProcess service = ServiceProcess.start(spec, JAVA, Map.of(), this.directory.resolve("logs"),
				this.console);

		assertThatExceptionOfType(ServiceStartException.class)
			.isThrownBy(() -> service.awaitReady(Duration.ofSeconds(20)))
			.withMessageContaining("beta exited with code 3 before it was ready")
			.withMessageContaining("stand-in failing on purpose");
	}

	@Test
	void unexpectedExitIsReportedButARequestedStopIsNot() throws Exception {
		int port = Ports.freePort();
		ServiceProcess crashing = ServiceProcess.start(
				spec("gamma", Map.of("METRICS_PORT", String.valueOf(port), "STAND_IN_EXIT_CODE", "7"), port), JAVA,
				Map.of(), this.directory.resolve("logs"), this.console);
		AtomicReference<ServiceProcess> reported = new AtomicReference<>();
		crashing.onUnexpectedExit(reported::set);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(reported.get()).isSameAs(crashing));
		assertThat(crashing.exitCode()).isEqualTo(7);
		assertThat(crashing.lastLines()).contains("stand-in failing on purpose");

		int otherPort = Ports.freePort();
		ServiceProcess stopped = ServiceProcess.start(
				spec("delta", Map.of("METRICS_PORT", String.valueOf(otherPort)), otherPort), JAVA, Map.of(),
				this.directory.resolve("logs"), this.console);
		AtomicReference<ServiceProcess> wronglyReported = new AtomicReference<>();
		stopped.onUnexpectedExit(wronglyReported::set);
		stopped.awaitReady(Duration.ofSeconds(20));
		stopped.stop(Duration.ofSeconds(10));
		assertThat(wronglyReported.get()).isNull();
	}

	/**
	 * Ctrl-C reaches every child at once; each exit's callback then blocked the common
	 * pool (one thread on two cores) on the devstack's lock while stop() waited on a
	 * future that pool had to complete: "api did not stop within 10 s: killed". Neither
	 * stopping nor reporting an exit may depend on that pool.
	 */
	@Test
	void stoppingAndReportingAnExitNeedNoCommonPoolThread() throws Exception {
		int parallelism = ForkJoinPool.getCommonPoolParallelism();
		CountDownLatch occupied = new CountDownLatch(parallelism);
		CountDownLatch release = new CountDownLatch(1);
		for (int i = 0; i < parallelism; i++) {
			ForkJoinPool.commonPool().execute(() -> {
				occupied.countDown();
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		}
		try {
			assertThat(occupied.await(10, TimeUnit.SECONDS)).as("common pool occupied").isTrue();
			int port = Ports.freePort();
			ServiceProcess crashing = ServiceProcess.start(
					spec("zeta", Map.of("METRICS_PORT", String.valueOf(port), "STAND_IN_EXIT_CODE", "7"), port), JAVA,
					Map.of(), this.directory.resolve("logs"), this.console);
			AtomicReference<ServiceProcess> reported = new AtomicReference<>();
			crashing.onUnexpectedExit(reported::set);
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(reported.get()).isSameAs(crashing));

			int otherPort = Ports.freePort();
			ServiceProcess running = ServiceProcess.start(
					spec("eta", Map.of("METRICS_PORT", String.valueOf(otherPort)), otherPort), JAVA, Map.of(),
					this.directory.resolve("logs"), this.console);
			running.awaitReady(Duration.ofSeconds(20));
			assertThat(running.stop(Duration.ofSeconds(10))).as("stopped by SIGTERM, not killed").isTrue();
			assertThat(running.isAlive()).isFalse();
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void missingJarIsAClearError() {
		ServiceSpec spec = new ServiceSpec("epsilon", this.directory.resolve("nope.jar"), 1, Map.of(), false,
				URI.create("http://127.0.0.1:1/"), List.of(), Map.of());

		assertThatExceptionOfType(ServiceStartException.class)
			.isThrownBy(() -> ServiceProcess.start(spec, JAVA, Map.of(), this.directory, this.console))
			.withMessageContaining("nope.jar");
	}

	private ServiceSpec spec(String name, Map<String, String> environment, int port) throws Exception {
		Path jar = StandInJars.write(this.directory.resolve(name + ".jar"));
		return new ServiceSpec(name, jar, port, environment, false, URI.create("http://127.0.0.1:" + port + "/ready"),
				List.of("-Xmx64m", "-XX:TieredStopAtLevel=1"), Map.of());
	}

}
