package app.flashcastr.api.leaderboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import app.flashcastr.api.CoreApiTest;
import app.flashcastr.api.Seed;
import app.flashcastr.api.neynar.NeynarClient;
import app.flashcastr.observability.metrics.ServiceMeters;
import app.flashcastr.simulators.neynar.NeynarSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The leaderboard's one copy on the seeded database and the Neynar simulator: one load
 * for concurrent first callers, every limit sliced from it, and reloads in the background
 * that never make a caller wait for Neynar. Each test has its own {@link Standings} and
 * clock.
 */
@CoreApiTest
class StandingsTests {

	private static final Duration LIFETIME = Duration.ofHours(1);

	private final LeaderboardRepository ranking;

	private final NeynarClient neynarClient;

	private final NeynarSimulator neynar;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final AtomicLong nanoTime = new AtomicLong(1_000_000_000L);

	private final Standings standings;

	StandingsTests(LeaderboardRepository ranking, NeynarClient neynarClient, NeynarSimulator neynar, JdbcClient jdbc) {
		Seed.ensure(jdbc);
		this.ranking = ranking;
		this.neynarClient = neynarClient;
		this.neynar = neynar;
		this.standings = new Standings(ranking, neynarClient, LIFETIME, this.nanoTime::get,
				new ServiceMeters("flashcastr_api", this.registry));
	}

	@AfterEach
	void healthyNeynar() {
		this.neynar.faults().reset();
	}

	@Test
	void concurrentFirstCallersShareOneLoad() throws Exception {
		int callers = 8;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<List<String>>> answers = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(callers)) {
			for (int i = 0; i < callers; i++) {
				answers.add(executor.submit(() -> {
					start.await();
					return usernames(7);
				}));
			}
			start.countDown();
			for (Future<List<String>> answer : answers) {
				assertThat(answer.get(20, TimeUnit.SECONDS)).startsWith("alice", "bob_fc", "dave");
			}
		}
		assertThat(count("flashcastr_api_cache_misses")).isEqualTo(1);
		assertThat(count("flashcastr_api_cache_hits")).isEqualTo(callers - 1);
	}

	@Test
	void everyLimitIsTheSameAsRankingThatManyAlone() {
		// carol (rank 3) is unknown to Neynar and dropped, as upstream does.
		assertThat(usernames(4)).containsExactly("alice", "bob_fc", "dave");
		assertThat(usernames(1)).containsExactly("alice");
		assertThat(usernames(3)).containsExactly("alice", "bob_fc");
		for (int limit = 1; limit <= 10; limit++) {
			assertThat(usernames(limit)).as("limit " + limit).isEqualTo(rankedAlone(limit));
		}
	}

	@Test
	void aReloadStalledOnNeynarLeavesEveryCallerAnsweredFromTheCopyAtHand() throws Exception {
		assertThat(usernames(4)).containsExactly("alice", "bob_fc", "dave");
		int requests = this.neynar.requests();
		this.neynar.faults().hang();
		this.nanoTime.addAndGet(LIFETIME.toNanos());

		// Answered at once while the one reload waits for Neynar.
		CompletableFuture<List<List<String>>> answers = CompletableFuture.supplyAsync(() -> {
			List<List<String>> lists = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				lists.add(usernames(4));
			}
			return lists;
		});
		assertThat(answers.get(5, TimeUnit.SECONDS))
			.allSatisfy((usernames) -> assertThat(usernames).containsExactly("alice", "bob_fc", "dave"));
		assertThat(this.standings.reloading()).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.neynar.requests() == requests + 1);

		this.neynar.faults().reset();
		await().atMost(Duration.ofSeconds(20)).until(() -> !this.standings.reloading());
		assertThat(usernames(4)).containsExactly("alice", "bob_fc", "dave");
		assertThat(count("flashcastr_api_cache_misses")).isEqualTo(1);
	}

	@Test
	void aReloadWithoutNeynarKeepsTheNamesItHadAndIsTriedAgainSoon() {
		assertThat(usernames(4)).containsExactly("alice", "bob_fc", "dave");
		this.neynar.faults().failWithStatus(503);
		this.nanoTime.addAndGet(LIFETIME.toNanos());
		usernames(4);
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.standings.reloading());
		assertThat(usernames(4)).containsExactly("alice", "bob_fc", "dave");

		this.neynar.faults().reset();
		int requests = this.neynar.requests();
		usernames(4);
		assertThat(this.standings.reloading()).as("retried before its time").isFalse();
		this.nanoTime.addAndGet(Standings.RETRY_AFTER.toNanos());
		usernames(4);
		await().atMost(Duration.ofSeconds(20)).until(() -> !this.standings.reloading());
		assertThat(this.neynar.requests()).isEqualTo(requests + 1);
	}

	@Test
	void aFirstLoadWithoutNeynarDropsTheUnnamedUntilItsRetry() {
		this.neynar.faults().failWithStatus(503);
		assertThat(usernames(4)).containsExactly("alice", "dave");

		this.neynar.faults().reset();
		this.nanoTime.addAndGet(Standings.RETRY_AFTER.toNanos());
		usernames(4);
		await().atMost(Duration.ofSeconds(20)).until(() -> !this.standings.reloading());
		assertThat(usernames(4)).containsExactly("alice", "bob_fc", "dave");
	}

	private List<String> usernames(int limit) {
		return this.standings.top(limit).stream().map(LeaderboardEntry::username).toList();
	}

	/** The ranking of that many users alone, named as the copy names them. */
	private List<String> rankedAlone(int limit) {
		List<Integer> named = this.ranking.ranking(LeaderboardController.MAX_LIMIT)
			.stream()
			.filter((row) -> row.username() == null)
			.map(LeaderboardRepository.Ranked::fid)
			.toList();
		var found = this.neynarClient.bulkUsers(named);
		return this.ranking.ranking(limit)
			.stream()
			.map((row) -> (row.username() != null) ? row.username()
					: found.stream()
						.filter((user) -> user.fid() == row.fid())
						.map((user) -> user.username())
						.findFirst()
						.orElse(null))
			.filter((username) -> username != null)
			.toList();
	}

	private double count(String name) {
		return this.registry.get(name).tag("cache_name", "leaderboard").counter().count();
	}

}
