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
import org.springframework.stereotype.Controller;

import app.flashcastr.api.cache.CacheProperties;
import app.flashcastr.api.cache.CountedCache;
import app.flashcastr.api.leaderboard.LeaderboardRepository.Ranked;
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

	private final LeaderboardRepository ranking;

	private final NeynarClient neynar;

	private final CountedCache<Integer, List<LeaderboardEntry>> cache;

	LeaderboardController(LeaderboardRepository ranking, NeynarClient neynar, CacheProperties caches,
			ServiceMeters meters) {
		this.ranking = ranking;
		this.neynar = neynar;
		this.cache = new CountedCache<>("leaderboard", caches.leaderboardTtl(), caches.maximumSize(), meters);
	}

	@QueryMapping
	List<LeaderboardEntry> getLeaderboard(@Argument Integer limit) {
		int clamped = Math.min(Math.max(1, (limit != null) ? limit : 100), MAX_LIMIT);
		return this.cache.get(clamped, this::load);
	}

	private List<LeaderboardEntry> load(int limit) {
		List<Ranked> rows = this.ranking.ranking(limit);
		List<Integer> unnamed = rows.stream()
			.filter((row) -> row.username() == null && row.flashCount() > 0)
			.map(Ranked::fid)
			.toList();
		Map<Integer, NeynarUser> found = lookUp(unnamed);
		List<LeaderboardEntry> entries = new ArrayList<>(rows.size());
		for (Ranked row : rows) {
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

}
