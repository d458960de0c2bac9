package app.flashcastr.testinfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.flashcastr.localinfra.PostgresEndpoint;

/**
 * Creates and drops test databases through an admin connection.
 */
final class PostgresAdmin {

	private static final Logger logger = LoggerFactory.getLogger(PostgresAdmin.class);

	/** Older than any test run: databases this old were left by a killed JVM. */
	private static final Duration ABANDONED_AFTER = Duration.ofHours(6);

	private PostgresAdmin() {
	}

	/** Returns why an admin connection fails, or {@code null} when it works. */
	static String problem(PostgresEndpoint server) {
		try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
			statement.execute("SELECT 1");
			return null;
		}
		catch (SQLException ex) {
			return ex.getMessage();
		}
	}

	static IsolatedDatabase create(PostgresEndpoint server) {
		String name = TestNames.next(Instant.now());
		try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
			// The name is generated above, never user input: safe to inline.
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new InfrastructureUnavailableException("Could not create test database " + name + " on " + server
					+ ": " + ex.getMessage() + " (the user needs the CREATEDB privilege)", ex);
		}
		Leftovers.register(key(name), () -> drop(server, name));
		logger.debug("Created test database {} on {}", name, server);
		return new IsolatedDatabase(name, server.jdbcUrl(name), server.username(), server.password());
	}

	static void release(IsolatedDatabase database) {
		Leftovers.remove(key(database.name()));
	}

	static boolean isPending(IsolatedDatabase database) {
		return Leftovers.isPending(key(database.name()));
	}

	/** Drops test databases that a killed JVM left behind (best effort, once per JVM). */
	static void dropAbandoned(PostgresEndpoint server) {
		Instant now = Instant.now();
		List<String> abandoned = new ArrayList<>();
		try (Connection connection = connect(server);
				Statement statement = connection.createStatement();
				ResultSet names = statement
					.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'flashcastr\\_test\\_%'")) {
			while (names.next()) {
				String name = names.getString(1);
				if (TestNames.isAbandoned(name, now, ABANDONED_AFTER)) {
					abandoned.add(name);
				}
			}
		}
		catch (SQLException ex) {
			logger.debug("Could not list abandoned test databases: {}", ex.getMessage());
			return;
		}
		for (String name : abandoned) {
			try {
				drop(server, name);
				logger.info("Dropped abandoned test database {}", name);
			}
			catch (RuntimeException ex) {
				logger.debug("Could not drop abandoned test database {}: {}", name, ex.getMessage());
			}
		}
	}

	private static void drop(PostgresEndpoint server, String name) {
		try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
			try {
				// FORCE (PostgreSQL 13+) ends the connections a closing context may still
				// hold.
				statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			}
			catch (SQLException ex) {
				statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name
						+ "' AND pid <> pg_backend_pid()");
				statement.execute("DROP DATABASE IF EXISTS " + name);
			}
			logger.debug("Dropped test database {}", name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("DROP DATABASE " + name + " failed: " + ex.getMessage(), ex);
		}
	}

	private static Connection connect(PostgresEndpoint server) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", server.username());
		if (!server.password().isEmpty()) {
			properties.setProperty("password", server.password());
		}
		properties.setProperty("connectTimeout", "5");
		properties.setProperty("socketTimeout", "30");
		properties.setProperty("ApplicationName", "flashcastr-test-infrastructure");
		return DriverManager.getConnection(server.jdbcUrl(), properties);
	}

	private static String key(String name) {
		return "database " + name;
	}

}
