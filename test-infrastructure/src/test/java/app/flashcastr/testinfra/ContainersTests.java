package app.flashcastr.testinfra;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.flashcastr.localinfra.PostgresEndpoint;
import app.flashcastr.localinfra.RabbitEndpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Without a Docker engine (the build machines have only the docker client) the
 * Testcontainers step is skipped quickly, and a resolution with nothing left to try fails
 * with a message listing every step.
 */
class ContainersTests {

	@Test
	void dockerCheckReportsAbsenceQuicklyInsteadOfThrowing() {
		Instant start = Instant.now();

		String reason = Containers.dockerUnavailableReason();

		assumeTrue(reason != null, "a Docker engine answers here: nothing to skip");
		assertThat(reason).contains("Docker");
		assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void withNothingAvailableResolutionFailsFastSayingWhatWasTried() throws IOException {
		assumeTrue(Containers.dockerUnavailableReason() != null, "a Docker engine answers here");
		int closedPort = closedPort();

		Resolution<PostgresEndpoint> postgres = PostgresResolver.resolve(Map.of(), "127.0.0.1", closedPort);
		Resolution<RabbitEndpoint> rabbit = RabbitResolver.resolve(Map.of(), "127.0.0.1", closedPort);

		assertThat(postgres.failure()).startsWith("No PostgreSQL for tests")
			.contains("TEST_DATABASE_URL: not set", "127.0.0.1:" + closedPort + ": nothing listening",
					"Testcontainers: no Docker environment");
		assertThat(rabbit.failure()).startsWith("No RabbitMQ for tests")
			.contains("TEST_RABBITMQ_URL: not set", "127.0.0.1:" + closedPort + ": nothing listening",
					"Testcontainers: no Docker environment");
		assertThatExceptionOfType(InfrastructureUnavailableException.class).isThrownBy(postgres::get)
			.withMessage(postgres.failure());
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
