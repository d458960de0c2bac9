package app.flashcastr.api.leaderboard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;

import app.flashcastr.api.cache.CacheProperties;
import app.flashcastr.api.cache.CountedCache;
import app.flashcastr.api.metrics.QueryTimer;
import app.flashcastr.api.neynar.NeynarClient;
import app.flashcastr.api.neynar.NeynarUser;
import app.flashcastr.observability.logging.Causes;
import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * Query {@code getLeaderboard(limit)}: users by linked flashes then cities, the limit
 * clamped to 1..500 and each limit cached ({@code flashcastr.api.cache.leaderboard-ttl},
 * 1 h). Entries whose links carry no Farcaster username are looked up on Neynar in one
 * bulk call; entries still without one are dropped, as upstream does.
 */
@Controller
class LeaderboardController {

	static final int MAX_LIMIT = 500;

	private static final Logger logger = LoggerFactory.getLogger(LeaderboardController.class);

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

	private final NeynarClient neynar;

	private final CountedCache<Integer, List<LeaderboardEntry>> cache;

	LeaderboardController(JdbcClient jdbc, QueryTimer timer, NeynarClient neynar, CacheProperties caches,
			ServiceMeters meters) {
		this.jdbc = jdbc;
		this.timer = timer;
		this.neynar = neynar;
		this.cache = new CountedCache<>("leaderboard", caches.leaderboardTtl(), caches.maximumSize(), meters);
	}

	@QueryMapping
	List<LeaderboardEntry> getLeaderboard(@Argument Integer limit) {
		int clamped = Math.min(Math.max(1, (limit != null) ? limit : 100), MAX_LIMIT);
		return this.cache.get(clamped, this::load);
	}

	private List<LeaderboardEntry> load(int limit) {
		List<Row> rows = this.timer.time("leaderboard",
				() -> this.jdbc.sql(SQL)
					.param(limit)
					.query((rs, n) -> new Row(rs.getInt("fid"), rs.getString("username"), rs.getString("pfp_url"),
							rs.getInt("flash_count"), rs.getInt("city_count")))
					.list());
		List<Integer> unnamed = rows.stream()
			.filter((row) -> row.username() == null && row.flashCount() > 0)
			.map(Row::fid)
			.toList();
		Map<Integer, NeynarUser> found = lookUp(unnamed);
		List<LeaderboardEntry> entries = new ArrayList<>(rows.size());
		for (Row row : rows) {
			NeynarUser user = (row.username() == null) ? found.get(row.fid()) : null;
			String username = (user != null) ? user.username() : row.username();
			String pfp = (user != null && row.pfpUrl() == null) ? user.pfpUrl() : row.pfpUrl();
			if (username != null) {
				entries.add(new LeaderboardEntry(username, pfp, row.flashCount(), row.cityCount()));
			}
		}
		return List.copyOf(entries);
	}

	private Map<Integer, NeynarUser> lookUp(Collection<Integer> fids) {
		if (fids.isEmpty()) {
			return Map.of();
		}
		try {
			return this.neynar.bulkUsers(fids)
				.stream()
				.filter((user) -> user.username() != null)
				.collect(Collectors.toMap(NeynarUser::fid, Function.identity(), (a, b) -> a));
		}
		catch (RuntimeException ex) {
			// Without Neynar the entries lacking a name are dropped, as when Neynar knows
			// none.
			logger.warn("Neynar bulk lookup of {} leaderboard users failed: {}", fids.size(), Causes.describe(ex));
			return Map.of();
		}
	}

	private record Row(int fid, String username, String pfpUrl, int flashCount, int cityCount) {
	}

}
