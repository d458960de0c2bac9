package app.flashcastr.devstack.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Properties;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import app.flashcastr.localinfra.InfrastructureOrigin;
import app.flashcastr.localinfra.PostgresEndpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The embedded fallbacks start (a few seconds each) and accept the connections the
 * services will make.
 */
class EmbeddedInfrastructureTests {

	@TempDir
	Path state;

	@Test
	void embeddedBrokerAcceptsAnAmqpConnectionOnRabbitMqsDefaultVhost() throws Exception {
		try (Provided<BrokerEndpoint> broker = BrokerProvider.provide(Map.of(), this.state, true)) {
			BrokerEndpoint endpoint = broker.endpoint();
			assertThat(endpoint.origin()).isEqualTo(InfrastructureOrigin.EMBEDDED);
			assertThat(endpoint.classicQueuesOnly()).isTrue();
			assertThat(this.state.resolve("qpid/config.json")).content().contains("\"secureOnlyMechanisms\" : [ ]");

			ConnectionFactory factory = new ConnectionFactory();
			factory.setUri(endpoint.url());
			factory.setAutomaticRecoveryEnabled(false);
			try (com.rabbitmq.client.Connection connection = factory.newConnection("embedded-broker-test");
					Channel channel = connection.createChannel()) {
				// Declared as the services do with FLASHCASTR_AMQP_QUEUE_TYPE=classic: no
				// x- arguments.
				String queue = channel.queueDeclare("devstack.check", true, false, false, null).getQueue();
				channel.exchangeDeclare("devstack.events", "topic", true);
				channel.queueBind(queue, "devstack.events", "flash.#");
				channel.basicPublish("devstack.events", "flash.received", null, "hi".getBytes(StandardCharsets.UTF_8));
				GetResponse message = channel.basicGet(queue, true);
				assertThat(message).isNotNull();
				assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).isEqualTo("hi");
			}
		}
	}

	@Test
	void embeddedBrokerRefusesRabbitMqQueueArgumentsEvenClassic() throws Exception {
		try (Provided<BrokerEndpoint> broker = BrokerProvider.provide(Map.of(), this.state, true)) {
			ConnectionFactory factory = new ConnectionFactory();
			factory.setUri(broker.endpoint().url());
			factory.setAutomaticRecoveryEnabled(false);
			// The broker closes the whole connection on refusal: abort, not close,
			// afterwards.
			com.rabbitmq.client.Connection connection = factory.newConnection("embedded-broker-test");
			try {
				Channel channel = connection.createChannel();
				// Why "classic" means "no x-queue-type argument at all" (see the README).
				assertThatExceptionOfType(IOException.class)
					.isThrownBy(() -> channel.queueDeclare("devstack.typed", true, false, false,
							Map.of("x-queue-type", "classic")))
					.withStackTraceContaining("Unsupported queue declare argument(s) : x-queue-type");
			}
			finally {
				connection.abort();
			}
		}
	}

	@Test
	void embeddedPostgresStartsWithTheFlashcastrDatabase() throws Exception {
		try (Provided<PostgresEndpoint> postgres = PostgresProvider.provide(Map.of(), this.state, true)) {
			PostgresEndpoint endpoint = postgres.endpoint();
			assertThat(endpoint.origin()).isEqualTo(InfrastructureOrigin.EMBEDDED);
			assertThat(endpoint.url()).isEqualTo("postgresql://postgres@127.0.0.1:" + endpoint.port() + "/flashcastr");

			Properties properties = new Properties();
			properties.setProperty("user", "postgres");
			try (Connection connection = DriverManager
				.getConnection("jdbc:postgresql://127.0.0.1:" + endpoint.port() + "/flashcastr", properties);
					ResultSet version = connection.createStatement().executeQuery("SHOW server_version")) {
				version.next();
				assertThat(version.getString(1)).startsWith("17.");
			}
		}
	}

	@Test
	void environmentUrlsAreUsedAsGiven() throws Exception {
		Map<String, String> environment = Map.of("DATABASE_URL", "postgresql://ci:pw@db.example:6543/flashcastr",
				"RABBITMQ_URL", "amqp://ci:pw@mq.example:5673");

		try (Provided<PostgresEndpoint> postgres = PostgresProvider.provide(environment, this.state, false);
				Provided<BrokerEndpoint> broker = BrokerProvider.provide(environment, this.state, false)) {
			assertThat(postgres.endpoint())
				.isEqualTo(new PostgresEndpoint("postgresql://ci:pw@db.example:6543/flashcastr", "db.example", 6543,
						"ci", "pw", "flashcastr", InfrastructureOrigin.ENVIRONMENT));
			assertThat(postgres.endpoint().displayUrl()).doesNotContain("pw");
			assertThat(broker.endpoint().port()).isEqualTo(5673);
			assertThat(broker.endpoint().classicQueuesOnly()).isFalse();
			assertThat(broker.endpoint().displayUrl()).isEqualTo("amqp://ci:****@mq.example:5673");
		}
	}

}
