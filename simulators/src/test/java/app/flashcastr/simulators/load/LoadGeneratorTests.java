package app.flashcastr.simulators.load;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import app.flashcastr.simulators.feed.FeedSimulator;
import app.flashcastr.simulators.feed.FeedSimulatorSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class LoadGeneratorTests {

	@Test
	void sendsTheWeightedMixAtNoMoreThanTheConfiguredRate() throws Exception {
		try (GraphQlStub api = new GraphQlStub()) {
			long started = System.nanoTime();
			try (LoadGenerator load = LoadGenerator.start(LoadGeneratorSettings.defaults()
				.withApiUrl(api.uri())
				.withQueriesPerSecond(200)
				.withSignupsPerHour(0))) {
				await().atMost(Duration.ofSeconds(20)).until(() -> api.total() >= 600);
				double elapsed = (System.nanoTime() - started) / 1e9;
				// 600 queries at 200/s take at least 3 s: the rate is a ceiling (the
				// scheduler never sends ahead of it).
				assertThat(elapsed).isGreaterThan(2.5);
				assertThat(load.counters().queryFailures()).isZero();
			}
			double total = api.total();
			assertThat(api.count("LoadGlobalFlashes") / total).isBetween(0.20, 0.42);
			assertThat(api.count("LoadFlashes") / total).isBetween(0.08, 0.22);
			assertThat(api.count("LoadGlobalFlash") / total).isBetween(0.08, 0.22);
			assertThat(api.count("LoadLeaderboard") / total).isBetween(0.05, 0.16);
			for (String operation : new String[] { "LoadTrendingCities", "LoadUnifiedFlashes", "LoadFlashesSummary",
					"LoadProgress", "LoadUsers", "LoadAllCities" }) {
				assertThat(api.count(operation)).as(operation).isPositive();
			}
			// Parameterised queries ask for ids learnt from earlier answers.
			assertThat(api.variable("fid=7")).isPositive();
			assertThat(api.variable("id=101") + api.variable("id=102")).isPositive();
		}
	}

	@Test
	void weightsOfZeroAreNeverSent() throws Exception {
		try (GraphQlStub api = new GraphQlStub();
				LoadGenerator load = LoadGenerator.start(LoadGeneratorSettings.defaults()
					.withApiUrl(api.uri())
					.withQueriesPerSecond(200)
					.withWeights(LoadGeneratorSettings.weights("getLeaderboard=1"))
					.withSignupsPerHour(0))) {
			await().atMost(Duration.ofSeconds(10)).until(() -> api.total() >= 50);
			// The load keeps sending: compare names, not two counts read at different
			// moments.
			assertThat(api.operationNames()).containsExactly("LoadLeaderboard");
		}
	}

	@Test
	void emitsFlashesOnTheFeedSimulatorAndCompletesSignups() throws Exception {
		try (GraphQlStub api = new GraphQlStub();
				FeedSimulator feed = FeedSimulator.start(FeedSimulatorSettings.defaults());
				LoadGenerator load = LoadGenerator.start(LoadGeneratorSettings.defaults()
					.withApiUrl(api.uri())
					.withQueriesPerSecond(0)
					.withFeed(feed.baseUri(), 600)
					.withSignupsPerHour(3600))) {
			long before = feed.flashCount();
			await().atMost(Duration.ofSeconds(15))
				.until(() -> load.counters().flashesEmitted() >= 10 && load.counters().signupsCompleted() >= 1);
			assertThat(feed.flashCount() - before).isGreaterThanOrEqualTo(10);
			assertThat(api.count("LoadInitiateSignup")).isPositive();
			assertThat(api.count("LoadPollSignupStatus")).isPositive();
			assertThat(load.counters().feedFailures()).isZero();
		}
	}

	@Test
	void apiDownOnlyCountsFailures() {
		try (LoadGenerator load = LoadGenerator.start(LoadGeneratorSettings.defaults()
			.withApiUrl(URI.create("http://127.0.0.1:1/graphql"))
			.withQueriesPerSecond(50)
			.withSignupsPerHour(0))) {
			await().atMost(Duration.ofSeconds(10)).until(() -> load.counters().queryFailures() >= 5);
		}
	}

	@Test
	void isOffUnlessSwitchedOn() {
		assertThat(LoadGeneratorSettings.fromEnvironment(Map.of(), null)).isEmpty();
		assertThat(LoadGeneratorSettings.fromEnvironment(Map.of("LOAD_GENERATOR", "off"), null)).isEmpty();
	}

	@Test
	void readsItsVariables() {
		Optional<LoadGeneratorSettings> settings = LoadGeneratorSettings.fromEnvironment(Map.of("LOAD_GENERATOR", "on",
				"LOAD_API_URL", "http://api:4000/graphql", "LOAD_QUERIES_PER_SECOND", "50", "LOAD_QUERY_WEIGHTS",
				"globalFlashes=3, getLeaderboard=1", "LOAD_FLASHES_PER_MINUTE", "120", "LOAD_SIGNUPS_PER_HOUR", "0"),
				URI.create("http://127.0.0.1:8081"));
		assertThat(settings).hasValueSatisfying((value) -> {
			assertThat(value.apiUrl()).isEqualTo(URI.create("http://api:4000/graphql"));
			assertThat(value.queriesPerSecond()).isEqualTo(50);
			assertThat(value.weights()).containsOnly(Map.entry(LoadQuery.GLOBAL_FLASHES, 3),
					Map.entry(LoadQuery.LEADERBOARD, 1));
			assertThat(value.feedUrl()).isEqualTo(URI.create("http://127.0.0.1:8081"));
			assertThat(value.flashesPerMinute()).isEqualTo(120);
			assertThat(value.signupsPerHour()).isZero();
		});
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoadGeneratorSettings
				.fromEnvironment(Map.of("LOAD_GENERATOR", "on", "LOAD_QUERY_WEIGHTS", "bogus=1"), null))
			.withMessageContaining("LOAD_QUERY_WEIGHTS")
			.withMessageContaining("globalFlashes");
	}

}
