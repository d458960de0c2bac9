package app.flashcastr.devstack.service;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The flashes a previous devstack run left in the database. The feed simulator restarts
 * with the same seed, so it must continue after the highest stored id (or the database
 * must start clean): otherwise its new flashes reuse ids the producer already knows and
 * never announce.
 *
 * @param count stored flashes
 * @param highestId the highest stored flash id, {@code 0} when there is none
 */
public record StoredFlashes(long count, long highestId) {

	/** The feed simulator's variable: every flash id is above this one. */
	public static final String FLASH_IDS_AFTER = "FEED_SIMULATOR_FLASH_IDS_AFTER";

	/**
	 * Reads what the database keeps; a database the services have not migrated yet keeps
	 * nothing.
	 * @param databaseUrl the services' {@code DATABASE_URL}
	 * @return the stored flashes
	 * @throws SQLException when the database refuses
	 */
	public static StoredFlashes read(String databaseUrl) throws SQLException {
		try (Connection connection = DevDatabase.connect(databaseUrl);
				Statement statement = connection.createStatement()) {
			try (ResultSet table = statement.executeQuery("SELECT to_regclass('flashes') IS NOT NULL")) {
				table.next();
				if (!table.getBoolean(1)) {
					return new StoredFlashes(0, 0);
				}
			}
			try (ResultSet result = statement
				.executeQuery("SELECT count(*), coalesce(max(flash_id), 0) FROM flashes")) {
				result.next();
				return new StoredFlashes(result.getLong(1), result.getLong(2));
			}
		}
	}

	/**
	 * Empties every table of the services' schema (flashes, users, outbox...), keeping
	 * the schema and its migration history.
	 * @param databaseUrl the services' {@code DATABASE_URL}
	 * @return the tables emptied
	 * @throws SQLException when the database refuses
	 */
	public static List<String> clean(String databaseUrl) throws SQLException {
		try (Connection connection = DevDatabase.connect(databaseUrl);
				Statement statement = connection.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet result = statement.executeQuery("""
					SELECT tablename FROM pg_tables
					WHERE schemaname = current_schema() AND tablename NOT LIKE 'flyway_schema_history%'
					ORDER BY tablename""")) {
				while (result.next()) {
					tables.add(result.getString(1));
				}
			}
			if (!tables.isEmpty()) {
				statement.execute("TRUNCATE " + String.join(", ", tables.stream().map(StoredFlashes::quoted).toList())
						+ " RESTART IDENTITY CASCADE");
			}
			return tables;
		}
	}

	/**
	 * The feed simulator, continuing after the stored flashes.
	 * @param simulators the simulators as the catalog has them
	 * @return them with {@value #FLASH_IDS_AFTER} set, unchanged when nothing is stored
	 */
	public ServiceSpec continueFeed(ServiceSpec simulators) {
		return (this.count == 0) ? simulators
				: simulators.withEnvironment(FLASH_IDS_AFTER, Long.toString(this.highestId));
	}

	private static String quoted(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

}
