package app.flashcastr.devstack.infra;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.flashcastr.localinfra.ConnectionUrls;
import app.flashcastr.localinfra.InfrastructureOrigin;
import app.flashcastr.localinfra.Ports;
import app.flashcastr.localinfra.PostgresEndpoint;

/**
 * Finds the devstack's PostgreSQL: {@code DATABASE_URL}, then 127.0.0.1:5432 (user
 * {@code postgres}, trust auth), then an embedded PostgreSQL 17 on a free port.
 */
public final class PostgresProvider {

	/** The variable the services read, and that a user may set to bring their own. */
	public static final String DATABASE_URL = "DATABASE_URL";

	static final String DATABASE = "flashcastr";

	static final int LOCAL_PORT = 5432;

	private static final Logger logger = LoggerFactory.getLogger(PostgresProvider.class);

	private PostgresProvider() {
	}

	/**
	 * Provides a PostgreSQL database for the services.
	 * @param environment the devstack's environment ({@code DATABASE_URL})
	 * @param stateDirectory where an embedded server keeps its data and log
	 * @param embeddedOnly skip the local server even if one answers
	 * @return the database, with how to stop it
	 * @throws IOException if the embedded server cannot start
	 */
	public static Provided<PostgresEndpoint> provide(Map<String, String> environment, Path stateDirectory,
			boolean embeddedOnly) throws IOException {
		String url = environment.get(DATABASE_URL);
		if (url != null && !url.isBlank()) {
			return Provided.external(ConnectionUrls.postgres(url, DATABASE_URL, DATABASE));
		}
		if (!embeddedOnly && Ports.answers(Ports.LOOPBACK, LOCAL_PORT)) {
			try {
				ensureDatabase(Ports.LOOPBACK, LOCAL_PORT);
				return Provided.external(endpoint(LOCAL_PORT, InfrastructureOrigin.LOCAL));
			}
			catch (SQLException ex) {
				logger.warn("127.0.0.1:{} answers but refuses user postgres without password ({}); "
						+ "starting an embedded PostgreSQL instead", LOCAL_PORT, ex.getMessage());
			}
		}
		EmbeddedPostgresServer server = EmbeddedPostgresServer.start(stateDirectory.resolve("postgres"),
				stateDirectory.resolve("logs").resolve("postgres.log"), Ports.freePort());
		try {
			ensureDatabase(Ports.LOOPBACK, server.port());
		}
		catch (SQLException ex) {
			server.close();
			throw new IOException("Embedded PostgreSQL started but database " + DATABASE + " could not be created", ex);
		}
		return new Provided<>(endpoint(server.port(), InfrastructureOrigin.EMBEDDED), server);
	}

	private static PostgresEndpoint endpoint(int port, InfrastructureOrigin origin) {
		return PostgresEndpoint.trusted(Ports.LOOPBACK, port, DATABASE, origin);
	}

	/**
	 * Creates the {@code flashcastr} database if it is missing; the services migrate it.
	 */
	static void ensureDatabase(String host, int port) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", PostgresEndpoint.LOCAL_USER);
		properties.setProperty("connectTimeout", "5");
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
				properties);
				PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			exists.setString(1, DATABASE);
			try (ResultSet result = exists.executeQuery()) {
				if (result.next()) {
					return;
				}
			}
			try (Statement create = connection.createStatement()) {
				create.execute("CREATE DATABASE " + DATABASE);
				logger.info("Created database {} on {}:{}", DATABASE, host, port);
			}
		}
	}

}
