package app.flashcastr.contracts.schema;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

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

		assertThat(flyway.migrate().migrationsExecuted).isEqualTo(5);
		assertThat(flyway.migrate().migrationsExecuted).isZero();
	}

	@Test
	void flashIdsAreBigintAndTheQueriedIndexesExist() {
		Flyway.configure().dataSource(this.dataSource).load().migrate();

		assertThat(this.jdbc.queryForObject("SELECT data_type FROM information_schema.columns "
				+ "WHERE table_name = 'flashes' AND column_name = 'flash_id'", String.class))
			.isEqualTo("bigint");
		List<String> indexes = this.jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE tablename = 'flashes'",
				String.class);
		assertThat(indexes).contains("idx_flashes_missing_ipfs", "idx_flashes_player_lower_timestamp",
				"idx_flashes_city_timestamp_desc", "idx_flashes_timestamp");
		this.jdbc.update("INSERT INTO flashes (flash_id, player) VALUES (9000000000, 'big')");
		assertThat(this.jdbc.queryForObject("SELECT player FROM flashes WHERE flash_id = 9000000000", String.class))
			.isEqualTo("big");
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
