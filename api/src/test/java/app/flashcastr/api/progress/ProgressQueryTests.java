package app.flashcastr.api.progress;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import app.flashcastr.api.SchemaTestSupport;
import app.flashcastr.api.flash.RandomLinks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A profile's activity chart ({@code progress}) read from the links' copies of their
 * flashes' timestamps (V7) equals the former join with {@code flashes}, kept here as the
 * reference, for every user and window, however flashes and links change; and it reads no
 * flash.
 */
class ProgressQueryTests extends SchemaTestSupport {

	/** The statement before: every link of the user joined to its flash. */
	private static final String REFERENCE = """
			SELECT CAST(f.timestamp AS date) AS day, COUNT(*)::int AS count
			FROM flashcastr_flashes ff
			JOIN flashes f ON f.flash_id = ff.flash_id
			WHERE ff.user_fid = ? AND ff.deleted = false AND f.timestamp >= ? AND f.timestamp < ?
			GROUP BY 1 ORDER BY 1""";

	private static final LocalDateTime FIRST_DAY = LocalDateTime.parse("2026-03-01T00:00:00");

	@Test
	void everyUsersDailyCountsEqualTheJoinAsFlashesAndLinksChange() {
		Random random = new Random(5);
		RandomLinks.insert(this.jdbc, random);
		// Spread over twelve days, some exactly at midnight (a window's edges).
		this.jdbc.update("UPDATE flashes SET timestamp = timestamp + (flash_id % 12) * interval '1 day'");
		this.jdbc.update("UPDATE flashes SET timestamp = date_trunc('day', timestamp) WHERE flash_id % 10 = 0");
		assertThat(compareEveryUserAndWindow()).as("days with flashes").isGreaterThan(100);

		for (long id = 1; id <= 600; id += 1 + random.nextInt(3)) {
			this.jdbc.update("UPDATE flashes SET timestamp = ? WHERE flash_id = ?",
					FIRST_DAY.plusMinutes(random.nextInt(12 * 24 * 60)), id);
		}
		this.jdbc.update("UPDATE flashes SET timestamp = NULL WHERE flash_id % 23 = 0");
		this.jdbc.update("UPDATE flashcastr_flashes SET deleted = NOT deleted WHERE id % 7 = 0");
		this.jdbc.update("DELETE FROM flashcastr_flashes WHERE id % 11 = 0");
		assertThat(compareEveryUserAndWindow()).as("days with flashes after the changes").isGreaterThan(100);
	}

	@Test
	void theChartReadsNoFlash() {
		RandomLinks.insert(this.jdbc, new Random(3));
		this.jdbc.execute("ANALYZE");
		String plan = String.join("\n", this.jdbc.queryForList("EXPLAIN (FORMAT JSON) " + ProgressRepository.SQL,
				String.class, 1, FIRST_DAY, FIRST_DAY.plusDays(7)));
		assertThat(plan).contains("\"Relation Name\": \"flashcastr_flashes\"")
			.doesNotContain("\"Relation Name\": \"flashes\"");
	}

	/**
	 * Compares every user's counts over windows of 1, 3 and 7 days; returns the days with
	 * flashes.
	 */
	private int compareEveryUserAndWindow() {
		int days = 0;
		for (int fid = 1; fid <= RandomLinks.USERS + 1; fid++) {
			for (int length : new int[] { 1, 3, 7 }) {
				for (int start = 0; start + length <= 13; start += length) {
					LocalDateTime from = FIRST_DAY.plusDays(start);
					LocalDateTime until = from.plusDays(length);
					List<Map<String, Object>> expected = this.jdbc.queryForList(REFERENCE, fid, from, until);
					assertThat(this.jdbc.queryForList(ProgressRepository.SQL + " ORDER BY 1", fid, from, until))
						.as("fid %d from %s until %s", fid, from, until)
						.isEqualTo(expected);
					days += expected.size();
				}
			}
		}
		return days;
	}

}
