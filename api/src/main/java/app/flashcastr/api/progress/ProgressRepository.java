package app.flashcastr.api.progress;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.flashcastr.api.metrics.QueryTimer;

/** SQL of a user's progress: their linked flashes counted per day. */
@Repository
class ProgressRepository {

	/**
	 * On each link's copy of its flash's timestamp: only the shown days of the user's
	 * timeline index are read, no flash.
	 */
	static final String SQL = """
			SELECT CAST(ff.flash_timestamp AS date) AS day, COUNT(*)::int AS count
			FROM flashcastr_flashes ff
			WHERE ff.user_fid = ? AND ff.deleted = false AND ff.flash_timestamp >= ? AND ff.flash_timestamp < ?
			GROUP BY 1""";

	private final JdbcClient jdbc;

	private final QueryTimer timer;

	ProgressRepository(JdbcClient jdbc, QueryTimer timer) {
		this.jdbc = jdbc;
		this.timer = timer;
	}

	/**
	 * The user's linked flashes per UTC day in {@code [from, until)}.
	 * @param fid the user
	 * @param from first moment counted (UTC)
	 * @param until first moment no longer counted (UTC)
	 * @return counts by day; days without a flash are absent
	 */
	Map<LocalDate, Integer> dailyCounts(int fid, LocalDateTime from, LocalDateTime until) {
		Map<LocalDate, Integer> counts = new HashMap<>();
		this.timer.time("progress", () -> {
			this.jdbc.sql(SQL).params(fid, from, until).query((rs) -> {
				counts.put(rs.getObject("day", LocalDate.class), rs.getInt("count"));
			});
			return counts;
		});
		return counts;
	}

}
