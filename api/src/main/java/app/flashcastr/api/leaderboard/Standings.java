package app.flashcastr.api.leaderboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.flashcastr.api.cache.CountedCache;
import app.flashcastr.api.leaderboard.LeaderboardRepository.Ranked;
import app.flashcastr.api.neynar.NeynarClient;
import app.flashcastr.api.neynar.NeynarUser;
import app.flashcastr.observability.logging.Causes;
import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * The ranking of the first {@link LeaderboardController#MAX_LIMIT} users with their
 * names, one copy that every limit is sliced from, served while a newer one loads. Only
 * the first load makes callers wait (for one load shared by all of them); once the copy
 * is older than the lifetime, the next caller starts one reload in the background and
 * every caller is answered from the copy at hand, so a stalled Neynar holds no request
 * thread. A reload whose Neynar lookup fails keeps the names it had and is tried again
 * after {@link #RETRY_AFTER}, as is a first load made without Neynar. Counts
 * {@code flashcastr_api_cache_misses_total{cache_name="leaderboard"}} for the first load
 * and {@code _hits_total} for every other caller.
 */
final class Standings {

	/** How soon a copy made without Neynar, or a failed reload, is tried again. */
	static final Duration RETRY_AFTER = Duration.ofMinutes(1);

	private static final Logger logger = LoggerFactory.getLogger(Standings.class);

	private final LeaderboardRepository ranking;

	private final NeynarClient neynar;

	private final long lifetimeNanos;

	private final LongSupplier nanoTime;

	private final AtomicReference<CompletableFuture<Board>> current = new AtomicReference<>();

	private final AtomicBoolean reloading = new AtomicBoolean();

	private final Counter hits;

	private final Counter misses;

	/**
	 * @param ranking the ranking's SQL
	 * @param neynar names of the users whose links carry none
	 * @param lifetime how long a copy is served before a reload starts
	 * @param nanoTime a monotonic clock in nanoseconds
	 * @param meters where the hit/miss counters are registered
	 */
	Standings(LeaderboardRepository ranking, NeynarClient neynar, Duration lifetime, LongSupplier nanoTime,
			ServiceMeters meters) {
		this.ranking = ranking;
		this.neynar = neynar;
		this.lifetimeNanos = lifetime.toNanos();
		this.nanoTime = nanoTime;
		this.hits = meters.counter("cache_hits", "Cache hits", "cache_name", "leaderboard");
		this.misses = meters.counter("cache_misses", "Cache misses", "cache_name", "leaderboard");
	}

	/**
	 * The named users among the first {@code limit} ranked.
	 * @param limit 1..{@link LeaderboardController#MAX_LIMIT}
	 * @return the entries, best first
	 */
	List<LeaderboardEntry> top(int limit) {
		Board board = board();
		if (board.dueAt() - this.nanoTime.getAsLong() <= 0 && this.reloading.compareAndSet(false, true)) {
			Thread.ofVirtual().name("leaderboard-reload").start(() -> reload(board));
		}
		return board.top(limit);
	}

	/** Whether a reload is running in the background. */
	boolean reloading() {
		return this.reloading.get();
	}

	private Board board() {
		while (true) {
			CompletableFuture<Board> loaded = this.current.get();
			if (loaded != null) {
				this.hits.increment();
				return CountedCache.join(loaded);
			}
			CompletableFuture<Board> mine = new CompletableFuture<>();
			if (this.current.compareAndSet(null, mine)) {
				this.misses.increment();
				try {
					Board board = load(Map.of());
					mine.complete(board);
					return board;
				}
				catch (RuntimeException | Error ex) {
					// Waiting callers see the failure; the next caller loads again.
					this.current.compareAndSet(mine, null);
					mine.completeExceptionally(ex);
					throw ex;
				}
			}
		}
	}

	private void reload(Board previous) {
		try {
			this.current.set(CompletableFuture.completedFuture(load(previous.names())));
		}
		catch (RuntimeException ex) {
			logger.warn("Leaderboard reload failed, serving the copy of {} s ago: {}",
					Duration.ofNanos(this.nanoTime.getAsLong() - previous.loadedAt()).toSeconds(), Causes.describe(ex));
			this.current.set(CompletableFuture.completedFuture(previous.retryAt(retryAt())));
		}
		finally {
			this.reloading.set(false);
		}
	}

	/**
	 * Ranks the users and asks Neynar for the names their links lack; without Neynar the
	 * names of {@code known} stand in and the copy is retried soon.
	 */
	private Board load(Map<Integer, NeynarUser> known) {
		long started = this.nanoTime.getAsLong();
		List<Ranked> rows = this.ranking.ranking(LeaderboardController.MAX_LIMIT);
		List<Integer> unnamed = rows.stream()
			.filter((row) -> row.username() == null && row.flashCount() > 0)
			.map(Ranked::fid)
			.toList();
		Map<Integer, NeynarUser> names = known;
		boolean complete = true;
		if (!unnamed.isEmpty()) {
			try {
				names = this.neynar.bulkUsers(unnamed)
					.stream()
					.filter((user) -> user.username() != null)
					.collect(Collectors.toMap(NeynarUser::fid, (user) -> user, (a, b) -> a));
			}
			catch (RuntimeException ex) {
				// Entries without a name are dropped, as when Neynar knows none.
				logger.warn("Neynar bulk lookup of {} leaderboard users failed, {} names kept from before: {}",
						unnamed.size(), known.size(), Causes.describe(ex));
				complete = false;
			}
		}
		return Board.of(rows, names, started, complete ? started + this.lifetimeNanos : retryAt());
	}

	private long retryAt() {
		return this.nanoTime.getAsLong() + Math.min(RETRY_AFTER.toNanos(), this.lifetimeNanos);
	}

	/**
	 * One copy of the ranking.
	 *
	 * @param entries the named entries, best first
	 * @param namedWithin how many entries the first n ranked rows give, at index n
	 * @param names the users named by Neynar, kept for a reload without it
	 * @param loadedAt when its load started
	 * @param dueAt when the next reload is due
	 */
	private record Board(List<LeaderboardEntry> entries, int[] namedWithin, Map<Integer, NeynarUser> names,
			long loadedAt, long dueAt) {

		static Board of(List<Ranked> rows, Map<Integer, NeynarUser> names, long loadedAt, long dueAt) {
			List<LeaderboardEntry> entries = new ArrayList<>(rows.size());
			Map<Integer, NeynarUser> used = new HashMap<>();
			int[] namedWithin = new int[rows.size() + 1];
			for (int i = 0; i < rows.size(); i++) {
				Ranked row = rows.get(i);
				NeynarUser user = (row.username() == null) ? names.get(row.fid()) : null;
				String username = (user != null) ? user.username() : row.username();
				String pfp = (user != null && row.pfpUrl() == null) ? user.pfpUrl() : row.pfpUrl();
				if (user != null) {
					used.put(row.fid(), user);
				}
				if (username != null) {
					entries.add(new LeaderboardEntry(username, pfp, row.flashCount(), row.cityCount()));
				}
				namedWithin[i + 1] = entries.size();
			}
			return new Board(List.copyOf(entries), namedWithin, Map.copyOf(used), loadedAt, dueAt);
		}

		// A prefix of the ranking by MAX_LIMIT equals the ranking by a smaller limit: its
		// order is total (ties broken by fid).
		List<LeaderboardEntry> top(int limit) {
			return this.entries.subList(0, this.namedWithin[Math.min(limit, this.namedWithin.length - 1)]);
		}

		Board retryAt(long at) {
			return new Board(this.entries, this.namedWithin, this.names, this.loadedAt, at);
		}

	}

}
