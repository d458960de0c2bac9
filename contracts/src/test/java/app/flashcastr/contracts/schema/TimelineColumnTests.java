package app.flashcastr.contracts.schema;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import app.flashcastr.testinfra.IsolatedDatabase;
import app.flashcastr.testinfra.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * V7 and V8: {@code flashcastr_flashes.flash_timestamp} and {@code flash_city}, the
 * link's copies of its flash's timestamp (the timeline indexes are ordered by it) and
 * city (a profile's cities are counted from it), follow {@code flashes} whoever writes.
 */
class TimelineColumnTests {

	private static final LocalDateTime NOON = LocalDateTime.parse("2026-03-15T12:00:00");

	private final IsolatedDatabase database = TestInfrastructure.newDatabase();

	private final DriverManagerDataSource dataSource = new DriverManagerDataSource(this.database.jdbcUrl(),
			this.database.username(), this.database.password());

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	@AfterEach
	void drop() {
		TestInfrastructure.release(this.database);
	}

	@Test
	void theMigrationsCopyTheTimestampAndCityOfExistingLinks() {
		Flyway.configure().dataSource(this.dataSource).target(MigrationVersion.fromVersion("6")).load().migrate();
		flash(1, NOON);
		flash(2, null);
		this.jdbc.update("UPDATE flashes SET city = NULL WHERE flash_id = 2");
		user(10);
		this.jdbc.update("INSERT INTO flashcastr_flashes (flash_id, user_fid) VALUES (1, 10), (2, 10)");

		Flyway.configure().dataSource(this.dataSource).load().migrate();

		assertThat(carried(1)).isEqualTo(NOON);
		assertThat(carried(2)).isNull();
		assertThat(carriedCity(1)).isEqualTo("Paris");
		assertThat(carriedCity(2)).isNull();
		assertThat(indexes())
			.contains("idx_flashcastr_flashes_user_profile", "idx_flashcastr_flashes_username_timeline",
					"idx_flashcastr_flashes_timeline")
			.doesNotContain("idx_flashcastr_flashes_user_username_lower", "idx_flashcastr_flashes_user_timeline");
	}

	@Test
	void aNewLinkCarriesItsFlashsTimestampWhateverTheWriterSets() {
		migrate();
		flash(1, NOON);
		flash(2, null);
		user(10);

		this.jdbc.update("INSERT INTO flashcastr_flashes (flash_id, user_fid) VALUES (1, 10)");
		this.jdbc.update(
				"INSERT INTO flashcastr_flashes (flash_id, user_fid, flash_timestamp, flash_city) VALUES (2, 10, ?, ?)",
				NOON.minusYears(3), "Atlantis");

		assertThat(carried(1)).isEqualTo(NOON);
		assertThat(carried(2)).isNull();
		assertThat(carriedCity(1)).isEqualTo("Paris");
		assertThat(carriedCity(2)).isEqualTo("Paris");
	}

	@Test
	void aLinkFollowsItsFlashOnEveryUpdate() {
		migrate();
		flash(1, NOON);
		flash(2, NOON.minusHours(5));
		user(10);
		this.jdbc.update("INSERT INTO flashcastr_flashes (flash_id, user_fid) VALUES (1, 10)");

		this.jdbc.update("UPDATE flashes SET timestamp = ? WHERE flash_id = 1", NOON.plusMinutes(7));
		assertThat(carried(1)).isEqualTo(NOON.plusMinutes(7));

		this.jdbc.update("UPDATE flashes SET timestamp = NULL WHERE flash_id = 1");
		assertThat(carried(1)).isNull();

		// Pinning changes no timestamp: the link keeps its value.
		this.jdbc.update("UPDATE flashes SET timestamp = ? WHERE flash_id = 1", NOON);
		this.jdbc.update("UPDATE flashes SET ipfs_cid = 'QmPinned' WHERE flash_id = 1");
		assertThat(carried(1)).isEqualTo(NOON);

		// The city follows as the timestamp does, to another and to none.
		this.jdbc.update("UPDATE flashes SET city = 'Lyon' WHERE flash_id = 1");
		assertThat(carriedCity(1)).isEqualTo("Lyon");
		assertThat(carried(1)).isEqualTo(NOON);
		this.jdbc.update("UPDATE flashes SET city = NULL WHERE flash_id = 1");
		assertThat(carriedCity(1)).isNull();

		// A link moved to another flash takes that flash's timestamp and city.
		this.jdbc.update("UPDATE flashes SET city = 'Rome' WHERE flash_id = 2");
		this.jdbc.update("UPDATE flashcastr_flashes SET flash_id = 2 WHERE flash_id = 1");
		assertThat(carried(2)).isEqualTo(NOON.minusHours(5));
		assertThat(carriedCity(2)).isEqualTo("Rome");

		// Nobody can set the copies to anything but their source.
		this.jdbc.update("UPDATE flashcastr_flashes SET flash_timestamp = ? WHERE flash_id = 2", NOON.plusYears(1));
		this.jdbc.update("UPDATE flashcastr_flashes SET flash_city = 'Atlantis' WHERE flash_id = 2");
		assertThat(carried(2)).isEqualTo(NOON.minusHours(5));
		assertThat(carriedCity(2)).isEqualTo("Rome");
	}

	@Test
	void aDeletedLinkLeavesTheTimelineAndAFlashWithLinksCannotBeDeleted() {
		migrate();
		flash(1, NOON);
		flash(2, NOON.minusMinutes(1));
		user(10);
		this.jdbc.update("INSERT INTO flashcastr_flashes (flash_id, user_fid) VALUES (1, 10), (2, 10)");

		assertThatThrownBy(() -> this.jdbc.update("DELETE FROM flashes WHERE flash_id = 1"))
			.isInstanceOf(DataIntegrityViolationException.class);
		this.jdbc.update("DELETE FROM flashcastr_flashes WHERE flash_id = 1");
		this.jdbc.update("DELETE FROM flashes WHERE flash_id = 1");

		assertThat(this.jdbc.queryForList("SELECT flash_id FROM flashcastr_flashes WHERE user_fid = 10 "
				+ "AND deleted = false ORDER BY flash_timestamp DESC, flash_id DESC", Long.class))
			.containsExactly(2L);
	}

	@Test
	void aLinkWrittenWhileItsFlashChangesKeepsTheCommittedTimestamp() throws Exception {
		migrate();
		flash(1, NOON);
		user(10);

		try (Connection changing = this.dataSource.getConnection()) {
			changing.setAutoCommit(false);
			try (Statement statement = changing.createStatement()) {
				statement
					.executeUpdate("UPDATE flashes SET timestamp = timestamp + interval '1 hour' WHERE flash_id = 1");
			}
			// The link's insert reads the flash FOR SHARE, so it waits for the change.
			CompletableFuture<Integer> linking = CompletableFuture.supplyAsync(
					() -> this.jdbc.update("INSERT INTO flashcastr_flashes (flash_id, user_fid) VALUES (1, 10)"));
			await().atMost(10, TimeUnit.SECONDS)
				.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE datname = "
						+ "current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO flashcastr%'",
						Long.class) == 1);
			changing.commit();
			assertThat(linking.get(10, TimeUnit.SECONDS)).isEqualTo(1);
		}

		assertThat(carried(1)).isEqualTo(NOON.plusHours(1));
	}

	private void migrate() {
		Flyway.configure().dataSource(this.dataSource).load().migrate();
	}

	private void flash(long id, LocalDateTime timestamp) {
		this.jdbc.update("INSERT INTO flashes (flash_id, city, player, timestamp) VALUES (?, 'Paris', 'p', ?)", id,
				timestamp);
	}

	private void user(int fid) {
		this.jdbc.update("INSERT INTO flashcastr_users (fid, username) VALUES (?, 'p')", fid);
	}

	private LocalDateTime carried(long flashId) {
		return this.jdbc.queryForObject("SELECT flash_timestamp FROM flashcastr_flashes WHERE flash_id = ?",
				LocalDateTime.class, flashId);
	}

	private String carriedCity(long flashId) {
		return this.jdbc.queryForObject("SELECT flash_city FROM flashcastr_flashes WHERE flash_id = ?", String.class,
				flashId);
	}

	private List<String> indexes() {
		return this.jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE tablename = 'flashcastr_flashes'",
				String.class);
	}

}
