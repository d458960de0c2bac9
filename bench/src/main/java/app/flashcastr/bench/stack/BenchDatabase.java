package app.flashcastr.bench.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;

/**
 * A fresh database on the local PostgreSQL ({@code bench_<timestamp>_<n>}), migrated with
 * the shared schema, dropped on close.
 */
public final class BenchDatabase implements AutoCloseable {

	/** The local PostgreSQL: loopback, user postgres, trust auth. */
	public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

	public static final String USER = "postgres";

	private static final AtomicInteger sequence = new AtomicInteger();

	private final String name;

	private BenchDatabase(String name) {
		this.name = name;
	}

	/** Creates and migrates a new database. */
	public static BenchDatabase create() throws SQLException {
		String name = "bench_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")) + "_"
				+ sequence.incrementAndGet();
		try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, null);
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		BenchDatabase database = new BenchDatabase(name);
		Cleanup.register(database);
		try {
			// The same migrations the services run at start-up (contracts' db/migration):
			// the services find them applied.
			Flyway.configure().dataSource(database.jdbcUrl(), USER, null).load().migrate();
		}
		catch (RuntimeException ex) {
			database.close();
			throw ex;
		}
		return database;
	}

	public String name() {
		return this.name;
	}

	public String jdbcUrl() {
		return SERVER + this.name;
	}

	/** The URL the services read from {@code DATABASE_URL}. */
	public String serviceUrl() {
		return "postgresql://" + USER + "@127.0.0.1:5432/" + this.name;
	}

	public Connection connect() throws SQLException {
		return DriverManager.getConnection(jdbcUrl(), USER, null);
	}

	/** A single-row, single-column count. */
	public long count(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); var rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	@Override
	public void close() {
		Cleanup.unregister(this);
		try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, null);
				Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
		}
		catch (SQLException ex) {
			System.err.println("[bench] could not drop database " + this.name + ": " + ex.getMessage());
		}
	}

}
