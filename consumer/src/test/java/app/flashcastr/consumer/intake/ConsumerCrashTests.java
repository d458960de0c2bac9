package app.flashcastr.consumer.intake;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import app.flashcastr.consumer.ConsumerApplication;
import app.flashcastr.consumer.ConsumerInstance;
import app.flashcastr.consumer.TestWorld;
import app.flashcastr.localinfra.Ports;
import app.flashcastr.contracts.messaging.FlashReceived;
import app.flashcastr.testinfra.IsolatedDatabase;
import app.flashcastr.testinfra.IsolatedVhost;
import app.flashcastr.testinfra.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer JVM killed with SIGKILL in the middle of a stream, then started again: every
 * flash ends up pinned and stored. Re-pins are bounded by what was in flight at the kill
 * (a pin whose commit never happened is redone; IPFS stores the same content once).
 */
class ConsumerCrashTests {

	private static final int CONCURRENCY = 2;

	private static final int BATCH_SIZE = 8;

	private static final int PREFETCH = 16;

	@Test
	void aConsumerKilledMidStreamLosesNothingOnceRestarted() throws Exception {
		stopMidStreamAndRestart(true);
	}

	@Test
	void aConsumerStoppedGracefullyMidStreamLosesNothingOnceRestarted() throws Exception {
		stopMidStreamAndRestart(false);
	}

	/**
	 * Stops a consumer JVM in the middle of 300 flashes (SIGKILL or SIGTERM), starts
	 * another, checks the outcome.
	 */
	private void stopMidStreamAndRestart(boolean kill) throws Exception {
		IsolatedDatabase database = TestInfrastructure.newDatabase();
		IsolatedVhost vhost = TestInfrastructure.newIsolatedVhost();
		JdbcTemplate direct = new JdbcTemplate(
				new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
		CachingConnectionFactory broker = TestWorld.broker(vhost);
		// Slow pins keep the stream going long enough to kill it in the middle.
		TestWorld.ipfs().kuboFaults().latency(Duration.ofMillis(40));
		Process first = null;
		Process second = null;
		try {
			first = fork(database, vhost, kill ? "killed" : "stopped");
			List<FlashReceived> flashes = TestWorld.storeNewFlashes(direct, 300);
			RabbitTemplate rabbit = new RabbitTemplate(broker);
			flashes.forEach((flash) -> TestWorld.announce(rabbit, flash));
			await().atMost(Duration.ofSeconds(30)).until(() -> TestWorld.missingCids(direct, flashes) < 250);

			if (kill) {
				first.destroyForcibly().waitFor();
			}
			else {
				first.destroy();
				// Graceful: in-flight messages finish or go back to the queue, then the
				// JVM exits by itself.
				assertThat(first.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("exited after SIGTERM")
					.isTrue();
			}
			long missingAtKill = TestWorld.missingCids(direct, flashes);
			assertThat(missingAtKill).isPositive();

			second = fork(database, vhost, kill ? "after-kill" : "after-stop");
			await().atMost(Duration.ofSeconds(90)).until(() -> TestWorld.missingCids(direct, flashes) == 0);

			int repins = 0;
			for (FlashReceived flash : flashes) {
				int pins = TestWorld.ipfs().pinsOf(TestWorld.cidOf(direct, flash.flashId()));
				assertThat(pins).as("pins of flash %d", flash.flashId()).isBetween(1, 2);
				repins += pins - 1;
			}
			assertThat(repins).as("re-pins after the kill").isLessThanOrEqualTo(CONCURRENCY * PREFETCH);
		}
		finally {
			TestWorld.ipfs().kuboFaults().reset();
			if (first != null) {
				first.destroyForcibly().waitFor();
			}
			if (second != null) {
				second.destroy();
				second.waitFor();
			}
			broker.destroy();
			TestInfrastructure.release(database);
			TestInfrastructure.release(vhost);
		}
	}

	/**
	 * Starts a consumer as its own JVM on the test classpath and waits until it is ready.
	 */
	private static Process fork(IsolatedDatabase database, IsolatedVhost vhost, String name) throws IOException {
		int port = Ports.freePort();
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xmx256m", "-cp", System.getProperty("java.class.path"), ConsumerApplication.class.getName()));
		command.addAll(List.of(ConsumerInstance.arguments(database, vhost, TestInfrastructure.postgres().port(),
				Map.of("server.port", port, "spring.rabbitmq.listener.simple.concurrency", CONCURRENCY,
						"spring.rabbitmq.listener.simple.max-concurrency", CONCURRENCY,
						"spring.rabbitmq.listener.simple.batch-size", BATCH_SIZE,
						"spring.rabbitmq.listener.simple.prefetch", PREFETCH))));
		File log = Path.of("target", "forked-consumer-" + name + ".log").toFile();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest readiness = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
			.build();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			assertThat(process.isAlive()).as("forked consumer alive (see %s)", log).isTrue();
			try {
				return http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
		});
		return process;
	}

}
