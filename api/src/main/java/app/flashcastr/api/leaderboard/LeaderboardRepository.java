package app.flashcastr.api.leaderboard;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.flashcastr.api.metrics.QueryTimer;

/** SQL of the leaderboard: users ranked by linked flashes, then by cities. */
@Repository
class LeaderboardRepository {

	private static final String SQL = """
			SELECT u.fid, MAX(ff.user_username) AS username, MAX(ff.user_pfp_url) AS pfp_url,
			       COUNT(ff.flash_id)::int AS flash_count, COUNT(DISTINCT f.city)::int AS city_count
			FROM flashcastr_users u
			LEFT JOIN flashcastr_flashes ff ON ff.user_fid = u.fid AND ff.deleted = false
			LEFT JOIN flashes f ON f.flash_id = ff.flash_id
			WHERE u.deleted = false
			GROUP BY u.fid
			ORDER BY flash_count DESC, city_count DESC, u.fid
			LIMIT ?""";

	private final JdbcClient jdbc;

	private final QueryTimer timer;

	LeaderboardRepository(JdbcClient jdbc, QueryTimer timer) {
		this.jdbc = jdbc;
		this.timer = timer;
	}

	/**
	 * The users not deleted, most linked flashes first.
	 * @param limit how many
	 * @return the ranked users, with the name and picture their links carry (null when
	 * none does)
	 */
	List<Ranked> ranking(int limit) {
		return this.timer.time("leaderboard",
				() -> this.jdbc.sql(SQL)
					.param(limit)
					.query((rs, n) -> new Ranked(rs.getInt("fid"), rs.getString("username"), rs.getString("pfp_url"),
							rs.getInt("flash_count"), rs.getInt("city_count")))
					.list());
	}

	/**
	 * One user's place before names are filled in from Neynar.
	 *
	 * @param fid the user
	 * @param username Farcaster username from the links, or null
	 * @param pfpUrl picture from the links, or null
	 * @param flashCount linked flashes
	 * @param cityCount distinct cities of those flashes
	 */
	record Ranked(int fid, String username, String pfpUrl, int flashCount, int cityCount) {
	}

}
