package app.flashcastr.api.flash;

import java.sql.Array;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.RowMapper;

import app.flashcastr.api.SchemaTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A profile's header ({@code flashesSummary}) read from the user's links alone (V8: each
 * carries its flash's city) equals the former join with {@code flashes}, kept here as the
 * reference, however flashes, links and users change.
 */
class SummaryQueryTests extends SchemaTestSupport {

	/** The statement before V8: every link of the user joined to its flash. */
	private static final String REFERENCE = "SELECT COUNT(*) AS flash_count, "
			+ "array_agg(DISTINCT f.city) FILTER (WHERE f.city IS NOT NULL) AS cities "
			+ "FROM flashcastr_flashes ff JOIN flashes f ON f.flash_id = ff.flash_id "
			+ "JOIN flashcastr_users u ON u.fid = ff.user_fid AND u.deleted = false "
			+ "WHERE ff.deleted = false AND ff.user_fid = ?";

	private static final RowMapper<String> SUMMARY = (rs, row) -> rs.getInt("flash_count") + " "
			+ cities(rs.getArray("cities"));

	@Test
	void everyUsersSummaryEqualsTheJoinAsFlashesLinksAndUsersChange() {
		Random random = new Random(8);
		RandomLinks.insert(this.jdbc, random);
		assertThat(compareEveryUser()).as("users with links").isGreaterThan(15);

		// Cities change under existing links (to another, to none, back), links are
		// deleted, moved to another flash or removed, users deleted.
		for (long id = 1; id <= 600; id += 1 + random.nextInt(3)) {
			String city = (random.nextInt(5) == 0) ? null
					: RandomLinks.CITIES[random.nextInt(RandomLinks.CITIES.length)];
			this.jdbc.update("UPDATE flashes SET city = ? WHERE flash_id = ?", city, id);
		}
		this.jdbc.update("UPDATE flashes SET city = 'Oslo' WHERE flash_id % 13 = 0");
		this.jdbc.update("UPDATE flashcastr_flashes SET deleted = NOT deleted WHERE id % 7 = 0");
		// Every 17th link moves to a flash nobody had linked.
		this.jdbc.update("""
				UPDATE flashcastr_flashes ff SET flash_id = moved.free
				FROM (SELECT link.id, free.flash_id AS free
				      FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM flashcastr_flashes
				            WHERE id % 17 = 0) link
				      JOIN (SELECT flash_id, row_number() OVER (ORDER BY flash_id) AS n FROM flashes f
				            WHERE NOT EXISTS (SELECT 1 FROM flashcastr_flashes l WHERE l.flash_id = f.flash_id)) free
				        ON free.n = link.n) moved
				WHERE ff.id = moved.id""");
		this.jdbc.update("DELETE FROM flashcastr_flashes WHERE id % 11 = 0");
		this.jdbc.update("UPDATE flashcastr_users SET deleted = true WHERE fid IN (2, 9)");
		assertThat(compareEveryUser()).as("users with links after the changes").isGreaterThan(15);
		assertThat(summary(FlashRepository.SUMMARY_SQL, 2)).isEqualTo("0 []");
	}

	@Test
	void theSummaryReadsNoFlash() {
		RandomLinks.insert(this.jdbc, new Random(3));
		this.jdbc.execute("ANALYZE");
		String plan = String.join("\n",
				this.jdbc.queryForList("EXPLAIN (FORMAT JSON) " + FlashRepository.SUMMARY_SQL, String.class, 1));
		assertThat(plan).contains("\"Relation Name\": \"flashcastr_flashes\"")
			.doesNotContain("\"Relation Name\": \"flashes\"");
	}

	/** Compares every user's summary; returns how many users have links. */
	private int compareEveryUser() {
		int withLinks = 0;
		for (int fid = 1; fid <= RandomLinks.USERS + 1; fid++) {
			String expected = summary(REFERENCE, fid);
			assertThat(summary(FlashRepository.SUMMARY_SQL, fid)).as("fid %d", fid).isEqualTo(expected);
			if (!expected.startsWith("0 ")) {
				withLinks++;
			}
		}
		return withLinks;
	}

	private String summary(String sql, int fid) {
		return this.jdbc.queryForObject(sql, SUMMARY, fid);
	}

	private static String cities(Array cities) throws SQLException {
		return (cities != null) ? List.of((String[]) cities.getArray()).toString() : "[]";
	}

}
