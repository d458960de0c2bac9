package app.flashcastr.devstack.service;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.flashcastr.testinfra.IsolatedDatabase;
import app.flashcastr.testinfra.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/** What a previous devstack run left in a real PostgreSQL database. */
public class StoredFlashesTests {

	private final IsolatedDatabase database = TestInfrastructure.newDatabase();

	@AfterEach
	void release() {
		TestInfrastructure.release(this.database);
	}

	@Test
	void anUnmigratedDatabaseKeepsNothingAndTheFeedIsLeftAsItIs() throws SQLException {
		StoredFlashes stored = StoredFlashes.read(this.database.postgresUrl());

		assertThat(stored).isEqualTo(new StoredFlashes(0, 0));
		assertThat(stored.continueFeed(simulators()).environment()).doesNotContainKey(StoredFlashes.FLASH_IDS_AFTER);
	}

	@Test
	void storedFlashesMakeTheFeedContinueAfterTheHighestId() throws SQLException {
		storeFlashes(this.database.postgresUrl(), 77_376_123L, 77_377_456L, 77_376_999L);

		StoredFlashes stored = StoredFlashes.read(this.database.postgresUrl());

		assertThat(stored).isEqualTo(new StoredFlashes(3, 77_377_456L));
		assertThat(stored.continueFeed(simulators()).environment())
			.containsEntry(StoredFlashes.FLASH_IDS_AFTER, "77377456")
			.containsEntry("FEED_SIMULATOR_PORT", "8081");
	}

	@Test
	void cleanEmptiesEveryTableButKeepsTheSchemaAndItsMigrationHistory() throws SQLException {
		storeFlashes(this.database.postgresUrl(), 77_376_123L);
		execute("CREATE TABLE flyway_schema_history (version text)", "INSERT INTO flyway_schema_history VALUES ('6')",
				"CREATE TABLE flashcastr_users (fid int)", "INSERT INTO flashcastr_users VALUES (20001)");

		List<String> emptied = StoredFlashes.clean(this.database.postgresUrl());

		assertThat(emptied).containsExactly("flashcastr_users", "flashes");
		assertThat(StoredFlashes.read(this.database.postgresUrl())).isEqualTo(new StoredFlashes(0, 0));
		assertThat(count("flashcastr_users")).isZero();
		assertThat(count("flyway_schema_history")).isOne();
	}

	/** A {@code flashes} table as the services' schema has it, holding these ids. */
	public static void storeFlashes(String databaseUrl, long... flashIds) throws SQLException {
		try (Connection connection = DevDatabase.connect(databaseUrl);
				Statement create = connection.createStatement();
				PreparedStatement insert = connection.prepareStatement("INSERT INTO flashes (flash_id) VALUES (?)")) {
			create.execute("CREATE TABLE IF NOT EXISTS flashes (flash_id bigint PRIMARY KEY)");
			for (long flashId : flashIds) {
				insert.setLong(1, flashId);
				insert.executeUpdate();
			}
		}
	}

	private void execute(String... statements) throws SQLException {
		try (Connection connection = DevDatabase.connect(this.database.postgresUrl());
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private long count(String table) throws SQLException {
		try (Connection connection = DevDatabase.connect(this.database.postgresUrl());
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
			result.next();
			return result.getLong(1);
		}
	}

	private static ServiceSpec simulators() {
		return new ServiceSpec("simulators", Path.of("simulators.jar"), 8081, Map.of("FEED_SIMULATOR_PORT", "8081"),
				false, URI.create("http://127.0.0.1:8081/flashinvaders/flashes/"), List.of(), Map.of());
	}

}
