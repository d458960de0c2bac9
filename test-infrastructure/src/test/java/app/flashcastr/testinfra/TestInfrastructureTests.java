package app.flashcastr.testinfra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.Test;

import app.flashcastr.localinfra.InfrastructureOrigin;
import app.flashcastr.localinfra.PostgresEndpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs against whatever the resolution picks; on a machine with local services (like the
 * project's build machines) that is PostgreSQL and RabbitMQ on their standard ports.
 */
class TestInfrastructureTests {

	@Test
	void picksLocalServicesWhenNoUrlIsConfigured() {
		assumeTrue(System.getenv("TEST_DATABASE_URL") == null && System.getenv("TEST_RABBITMQ_URL") == null,
				"TEST_*_URL set: resolution is not local by design");

		assertThat(TestInfrastructure.postgres().origin()).isEqualTo(InfrastructureOrigin.LOCAL);
		assertThat(TestInfrastructure.postgres().port()).isEqualTo(5432);
		assertThat(TestInfrastructure.rabbit().origin()).isEqualTo(InfrastructureOrigin.LOCAL);
		assertThat(TestInfrastructure.rabbit().port()).isEqualTo(5672);
	}

	@Test
	void resolvesOncePerJvm() {
		assertThat(TestInfrastructure.postgres()).isSameAs(TestInfrastructure.postgres());
		assertThat(TestInfrastructure.rabbit()).isSameAs(TestInfrastructure.rabbit());
	}

	@Test
	void newDatabaseGivesDistinctEmptyDatabasesThatAcceptConnections() throws SQLException {
		IsolatedDatabase first = TestInfrastructure.newDatabase();
		IsolatedDatabase second = TestInfrastructure.newDatabase();

		assertThat(first.name()).isNotEqualTo(second.name()).startsWith("flashcastr_test_");
		assertThat(tableCount(first)).isZero();
		assertThat(tableCount(second)).isZero();
		execute(first, "CREATE TABLE only_in_first (id int)");
		assertThat(tableCount(first)).isOne();
		assertThat(tableCount(second)).isZero();
	}

	@Test
	void releasedDatabaseIsDropped() throws SQLException {
		IsolatedDatabase database = TestInfrastructure.newDatabase();
		assertThat(databaseExists(database.name())).isTrue();

		TestInfrastructure.release(database);

		assertThat(databaseExists(database.name())).isFalse();
		assertThat(PostgresAdmin.isPending(database)).isFalse();
	}

	@Test
	void postgresUrlIsTheServicesStyle() {
		IsolatedDatabase database = new IsolatedDatabase("flashcastr_test_x",
				"jdbc:postgresql://127.0.0.1:5432/flashcastr_test_x", "postgres", "");
		IsolatedDatabase withPassword = new IsolatedDatabase("db", "jdbc:postgresql://db.example:6543/db", "ci",
				"p@ss");

		assertThat(database.postgresUrl()).isEqualTo("postgresql://postgres@127.0.0.1:5432/flashcastr_test_x");
		assertThat(withPassword.postgresUrl()).isEqualTo("postgresql://ci:p%40ss@db.example:6543/db");
		assertThat(withPassword.toString()).doesNotContain("p@ss");
	}

	@Test
	void newVhostAcceptsARealAmqpConnectionAndIsIsolated() throws Exception {
		TestInfrastructure.requireIsolatedVhosts();
		IsolatedVhost first = TestInfrastructure.newVhost();
		IsolatedVhost second = TestInfrastructure.newVhost();
		assertThat(first.name()).isNotEqualTo(second.name()).startsWith("flashcastr_test_");
		assertThat(first.amqpUrl()).endsWith(":" + first.port() + "/" + first.name());

		try (com.rabbitmq.client.Connection connection = connect(first); Channel channel = connection.createChannel()) {
			String queue = channel.queueDeclare("isolation-check", false, false, false, null).getQueue();
			channel.basicPublish("", queue, null, "hello".getBytes(StandardCharsets.UTF_8));
			GetResponse message = channel.basicGet(queue, true);
			assertThat(message).isNotNull();
			assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).isEqualTo("hello");
		}
		try (com.rabbitmq.client.Connection connection = connect(second)) {
			// The queue exists only in the first vhost; the failed passive declare closes
			// the channel, hence no try-with-resources on it.
			Channel channel = connection.createChannel();
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> channel.queueDeclarePassive("isolation-check"))
				.withStackTraceContaining("NOT_FOUND");
		}
	}

	@Test
	void releasedVhostIsDeleted() throws Exception {
		TestInfrastructure.requireIsolatedVhosts();
		IsolatedVhost vhost = TestInfrastructure.newVhost();

		TestInfrastructure.release(vhost);

		assertThatExceptionOfType(Exception.class).isThrownBy(() -> connect(vhost).close());
		assertThat(VhostAdmin.isPending(vhost)).isFalse();
	}

	static com.rabbitmq.client.Connection connect(IsolatedVhost vhost) throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setUri(vhost.amqpUrl());
		factory.setAutomaticRecoveryEnabled(false);
		return factory.newConnection("test-infrastructure-tests");
	}

	static int tableCount(IsolatedDatabase database) throws SQLException {
		try (Connection connection = connect(database);
				Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
			result.next();
			return result.getInt(1);
		}
	}

	static boolean databaseExists(String name) throws SQLException {
		PostgresEndpoint server = TestInfrastructure.postgres();
		try (Connection connection = connect(server.jdbcUrl(), server.username(), server.password());
				Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
			result.next();
			return result.getInt(1) == 1;
		}
	}

	private static void execute(IsolatedDatabase database, String sql) throws SQLException {
		try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static Connection connect(IsolatedDatabase database) throws SQLException {
		return connect(database.jdbcUrl(), database.username(), database.password());
	}

	private static Connection connect(String url, String username, String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", username);
		if (!password.isEmpty()) {
			properties.setProperty("password", password);
		}
		return DriverManager.getConnection(url, properties);
	}

}
