package app.flashcastr.contracts.schema;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.support.TransactionTemplate;

import app.flashcastr.testinfra.IsolatedDatabase;
import app.flashcastr.testinfra.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/** The migrations on a real, empty PostgreSQL database. */
class SchemaMigrationTests {

	private final IsolatedDatabase database = TestInfrastructure.newDatabase();

	private final DriverManagerDataSource dataSource = new DriverManagerDataSource(this.database.jdbcUrl(),
			this.database.username(), this.database.password());

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	@AfterEach
	void drop() {
		TestInfrastructure.release(this.database);
	}

	@Test
	void migratesAnEmptyDatabaseAndIsANoOpTheSecondTime() {
		Flyway flyway = Flyway.configure().dataSource(this.dataSource).load();

		assertThat(flyway.migrate().migrationsExecuted).isEqualTo(9);
		assertThat(flyway.migrate().migrationsExecuted).isZero();
	}

	@Test
	void theStartUpMigrationHonoursFlywayEnabledWhenItRuns() {
		Flyway flyway = Flyway.configure().dataSource(this.dataSource).load();
		MockEnvironment environment = new MockEnvironment();
		FlywayMigrationStrategy strategy = new SchemaMigrationAutoConfiguration()
			.flashcastrMigrationStrategy(environment);

		// As Spring AOT leaves it: Flyway's beans built, the property off at run time.
		environment.setProperty(SchemaMigrationAutoConfiguration.ENABLED, "false");
		strategy.migrate(flyway);
		assertThat(flyway.info().applied()).isEmpty();

		environment.setProperty(SchemaMigrationAutoConfiguration.ENABLED, "true");
		strategy.migrate(flyway);
		assertThat(flyway.info().applied()).hasSize(9);
	}

	@Test
	void flashIdsAreBigintAndTheQueriedIndexesExist() {
		Flyway.configure().dataSource(this.dataSource).load().migrate();

		assertThat(this.jdbc.queryForObject("SELECT data_type FROM information_schema.columns "
				+ "WHERE table_name = 'flashes' AND column_name = 'flash_id'", String.class))
			.isEqualTo("bigint");
		List<String> indexes = this.jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE tablename = 'flashes'",
				String.class);
		assertThat(indexes)
			.contains("idx_flashes_player_lower_timestamp", "idx_flashes_city_timestamp_desc",
					"idx_flashes_newest_first")
			.doesNotContain("idx_flashes_timestamp");
		// No index may read ipfs_cid, or pinning a flash could not be a HOT update.
		assertThat(indexes).doesNotContain("idx_flashes_missing_ipfs");
		this.jdbc.update("INSERT INTO flashes (flash_id, player) VALUES (9000000000, 'big')");
		assertThat(this.jdbc.queryForObject("SELECT player FROM flashes WHERE flash_id = 9000000000", String.class))
			.isEqualTo("big");
	}

	@Test
	void pinningABatchOfNewFlashesUpdatesNoIndex() {
		Flyway.configure().dataSource(this.dataSource).load().migrate();
		this.jdbc.update("""
				INSERT INTO flashes (flash_id, city, player, img, text, timestamp, flash_count)
				SELECT g, 'Paris', 'player' || g, '/media/queries/2026/11/22/img_' || g || '.jpg',
				       'PA_' || g || ' flashed at dusk', now(), '1234'
				FROM generate_series(1, 200) g
				""");

		// One transaction on one connection: its own statistics show HOT updates at once.
		long[] hotAndAll = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource))
			.execute((status) -> {
				this.jdbc.update("""
						UPDATE flashes SET ipfs_cid = 'QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG'
						WHERE flash_id BETWEEN 1 AND 32 AND (ipfs_cid IS NULL OR ipfs_cid = '')
						""");
				return this.jdbc.queryForObject(
						"SELECT n_tup_hot_upd, n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'flashes'",
						(rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) });
			});

		assertThat(hotAndAll[1]).isEqualTo(32);
		// Every row of the first page changes in one transaction: most new versions fit
		// in the room fillfactor left (none would with an index on ipfs_cid).
		assertThat(hotAndAll[0]).isGreaterThanOrEqualTo(24);
	}

	@Test
	void deletingAUserRemovesTheirLinksInOneStatement() {
		Flyway.configure().dataSource(this.dataSource).load().migrate();
		this.jdbc.update("INSERT INTO flashes (flash_id) VALUES (1)");
		this.jdbc.update("INSERT INTO flashcastr_users (fid, username) VALUES (10, 'p')");
		this.jdbc.update("INSERT INTO flashcastr_flashes (flash_id, user_fid) VALUES (1, 10)");

		this.jdbc.update("DELETE FROM flashcastr_users WHERE fid = 10");

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM flashcastr_flashes", Long.class)).isZero();
	}

}
