package app.flashcastr.testinfra;

import org.junit.jupiter.api.Test;

import app.flashcastr.localinfra.InfrastructureOrigin;
import app.flashcastr.localinfra.PostgresEndpoint;
import app.flashcastr.localinfra.RabbitEndpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EnvironmentUrlsTests {

	@Test
	void readsPostgresUrlWithCredentials() {
		PostgresEndpoint server = EnvironmentUrls.postgres("postgresql://ci:s%40cret@db.example:6543/ci_admin");

		assertThat(server).isEqualTo(new PostgresEndpoint("postgresql://ci:s%40cret@db.example:6543/ci_admin",
				"db.example", 6543, "ci", "s@cret", "ci_admin", InfrastructureOrigin.ENVIRONMENT));
	}

	@Test
	void readsJdbcUrlWithQueryCredentialsAndDefaults() {
		PostgresEndpoint server = EnvironmentUrls.postgres("jdbc:postgresql://db.example/?user=ci&password=pw");

		assertThat(server).isEqualTo(new PostgresEndpoint("jdbc:postgresql://db.example/?user=ci&password=pw",
				"db.example", 5432, "ci", "pw", "postgres", InfrastructureOrigin.ENVIRONMENT));
	}

	@Test
	void defaultsPostgresUserWhenUrlHasNone() {
		assertThat(EnvironmentUrls.postgres("jdbc:postgresql://127.0.0.1:5432/postgres").username())
			.isEqualTo("postgres");
	}

	@Test
	void readsAmqpUrl() {
		RabbitEndpoint broker = EnvironmentUrls.rabbit("amqp://ci:pw@mq.example:5673/ci%2Fvhost", "15673");

		assertThat(broker).isEqualTo(new RabbitEndpoint("mq.example", 5673, "ci", "pw", "ci/vhost", 15673,
				InfrastructureOrigin.ENVIRONMENT));
	}

	@Test
	void defaultsAmqpPortsCredentialsAndVhost() {
		RabbitEndpoint broker = EnvironmentUrls.rabbit("amqp://mq.example", null);

		assertThat(broker).isEqualTo(
				new RabbitEndpoint("mq.example", 5672, "guest", "guest", "/", 15672, InfrastructureOrigin.ENVIRONMENT));
	}

	@Test
	void rejectsOtherSchemesWithoutEchoingTheUrl() {
		assertThatExceptionOfType(InfrastructureUnavailableException.class)
			.isThrownBy(() -> EnvironmentUrls.postgres("mysql://u:topsecret@h/db"))
			.withMessageContaining("TEST_DATABASE_URL")
			.withMessageNotContaining("topsecret");
		assertThatExceptionOfType(InfrastructureUnavailableException.class)
			.isThrownBy(() -> EnvironmentUrls.rabbit("http://u:topsecret@h", null))
			.withMessageContaining("TEST_RABBITMQ_URL")
			.withMessageNotContaining("topsecret");
	}

	@Test
	void explicitUrlThatDoesNotWorkFailsWithoutFallingBack() {
		Resolution<PostgresEndpoint> resolution = PostgresResolver
			.resolve(java.util.Map.of("TEST_DATABASE_URL", "postgresql://nobody:pw@127.0.0.1:1/none"));

		assertThat(resolution.endpoint()).isNull();
		assertThat(resolution.failure()).startsWith("TEST_DATABASE_URL is set").doesNotContain(":pw");
	}

}
