package app.flashcastr.api.leaderboard;

import java.util.List;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import app.flashcastr.api.cache.CacheProperties;
import app.flashcastr.api.neynar.NeynarClient;
import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * Query {@code getLeaderboard(limit)}: users by linked flashes then cities, the limit
 * clamped to 1..500, every limit sliced from one copy of the first 500 that is reloaded
 * in the background after {@code flashcastr.api.cache.leaderboard-ttl} (1 h,
 * {@link Standings}). Entries whose links carry no Farcaster username are looked up on
 * Neynar in one bulk call; entries still without one are dropped, as upstream does.
 */
@Controller
class LeaderboardController {

	static final int MAX_LIMIT = 500;

	private final Standings standings;

	LeaderboardController(LeaderboardRepository ranking, NeynarClient neynar, CacheProperties caches,
			ServiceMeters meters) {
		this.standings = new Standings(ranking, neynar, caches.leaderboardTtl(), System::nanoTime, meters);
	}

	@QueryMapping
	List<LeaderboardEntry> getLeaderboard(@Argument Integer limit) {
		return this.standings.top(Math.min(Math.max(1, (limit != null) ? limit : 100), MAX_LIMIT));
	}

}
