package app.flashcastr.localinfra;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConnectionUrlsTests {

	@Test
	void readsPostgresUrlWithCredentialsKeepingTheUrlAsGiven() {
		PostgresEndpoint server = ConnectionUrls.postgres(" postgresql://ci:s%40cret@db.example:6543/ci_admin ", "X",
				"postgres");

		assertThat(server).isEqualTo(new PostgresEndpoint("postgresql://ci:s%40cret@db.example:6543/ci_admin",
				"db.example", 6543, "ci", "s@cret", "ci_admin", InfrastructureOrigin.ENVIRONMENT));
		assertThat(server.displayUrl()).isEqualTo("postgresql://ci:****@db.example:6543/ci_admin");
		assertThat(server.toString()).doesNotContain("cret");
	}

	@Test
	void readsJdbcUrlWithQueryCredentialsAndDefaults() {
		PostgresEndpoint server = ConnectionUrls.postgres("jdbc:postgresql://db.example/?user=ci&password=pw", "X",
				"flashcastr");

		assertThat(server.host()).isEqualTo("db.example");
		assertThat(server.port()).isEqualTo(5432);
		assertThat(server.username()).isEqualTo("ci");
		assertThat(server.password()).isEqualTo("pw");
		assertThat(server.database()).isEqualTo("flashcastr");
		assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/flashcastr");
	}

	@Test
	void trustedLocalServerHasUserPostgresAndNoPassword() {
		PostgresEndpoint local = PostgresEndpoint.trusted("127.0.0.1", 5432, "flashcastr", InfrastructureOrigin.LOCAL);

		assertThat(local.url()).isEqualTo("postgresql://postgres@127.0.0.1:5432/flashcastr");
		assertThat(local.username()).isEqualTo("postgres");
		assertThat(local.password()).isEmpty();
	}

	@Test
	void readsAmqpUrlWithDefaults() {
		assertThat(ConnectionUrls.rabbit("amqp://ci:pw@mq.example:5673/ci%2Fvhost", "X", 15673))
			.isEqualTo(new RabbitEndpoint("mq.example", 5673, "ci", "pw", "ci/vhost", 15673,
					InfrastructureOrigin.ENVIRONMENT));
		assertThat(ConnectionUrls.rabbit("amqp://mq.example", "X", 15672)).isEqualTo(
				new RabbitEndpoint("mq.example", 5672, "guest", "guest", "/", 15672, InfrastructureOrigin.ENVIRONMENT));
	}

	@Test
	void badUrlsNameTheVariableNeverThePassword() {
		for (String url : List.of("mysql://u:topsecret@h/db", "postgresql://u:topsecret@/db",
				"post gres://u:topsecret@h")) {
			assertThatIllegalArgumentException().isThrownBy(() -> ConnectionUrls.postgres(url, "DATABASE_URL", "db"))
				.withMessageContaining("DATABASE_URL")
				.withMessageNotContaining("topsecret");
		}
		assertThatIllegalArgumentException().isThrownBy(() -> ConnectionUrls.rabbit("http://u:topsecret@h", "MQ", 1))
			.withMessageContaining("MQ")
			.withMessageNotContaining("topsecret");
	}

	@Test
	void passwordsAreMaskedForDisplay() {
		assertThat(ConnectionUrls.withoutPassword("postgresql://ci:s3cret@db:5432/flashcastr"))
			.isEqualTo("postgresql://ci:****@db:5432/flashcastr");
		assertThat(ConnectionUrls.withoutPassword("postgresql://postgres@127.0.0.1:5432/flashcastr"))
			.isEqualTo("postgresql://postgres@127.0.0.1:5432/flashcastr");
		assertThat(ConnectionUrls.withoutPassword("amqp://127.0.0.1:5672")).isEqualTo("amqp://127.0.0.1:5672");
		assertThat(ConnectionUrls.withoutPassword("amqp://u:p@mq:5672")).isEqualTo("amqp://u:****@mq:5672");
	}

}
