package app.flashcastr.api.cache;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Lifetimes of the cached query results, under {@code flashcastr.api.cache} (env e.g.
 * {@code FLASHCASTR_API_CACHE_LEADERBOARD_TTL=10m}).
 *
 * @param leaderboardTtl age at which the leaderboard is reloaded in the background,
 * upstream 1 h
 * @param trendingCitiesTtl trending cities, upstream 24 h
 * @param allCitiesTtl the list of every city (a scan of every flash)
 * @param recentFlashesTtl {@code globalFlashes} pages and single {@code globalFlash}
 * answers: the busiest queries, kept just long enough to absorb bursts; with
 * {@code queryResultTtl} in front, a new or newly pinned flash still shows within a
 * second ({@code 0} turns it off)
 * @param maximumSize most keys kept per cache
 * @param queryResultTtl whole answers to identical read-only queries (same document,
 * operation and variables), served without executing them again and re-executed by one
 * caller half-way through; within it a change made by another replica may not show yet
 * ({@code 0} turns it off)
 */
@Validated
@ConfigurationProperties("flashcastr.api.cache")
public record CacheProperties(@DefaultValue("1h") Duration leaderboardTtl,
		@DefaultValue("24h") Duration trendingCitiesTtl, @DefaultValue("1h") Duration allCitiesTtl,
		@DefaultValue("500ms") Duration recentFlashesTtl, @DefaultValue("1000") @Min(1) long maximumSize,
		@DefaultValue("500ms") Duration queryResultTtl) {

}
