package app.flashcastr.simulators.load;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import app.flashcastr.simulators.http.EnvironmentVariables;

/**
 * Settings of a {@link LoadGenerator}. Start from {@link #defaults()} and change what is
 * needed with the {@code with*} methods, or read them from {@code LOAD_*} variables with
 * {@link #fromEnvironment(Map, URI)}.
 *
 * @param apiUrl the GraphQL endpoint, e.g. {@code http://127.0.0.1:4000/graphql}
 * @param queriesPerSecond GraphQL queries started per second (open loop: a slow API does
 * not lower the rate, it raises {@code maxInFlight} use, then drops)
 * @param weights relative weight of each query; missing or 0 means never
 * @param feedUrl base URI of the feed simulator (its {@code /__admin/flashes} emits new
 * flashes), or null for none
 * @param flashesPerMinute new flashes emitted on the feed simulator per minute
 * @param signupsPerHour signups (initiateSignup, then pollSignupStatus until the Neynar
 * simulator approves) per hour
 * @param maxInFlight queries waiting for an answer at most; beyond it a tick is dropped
 * and counted
 * @param requestTimeout timeout of one HTTP request
 * @param seed seed of the query choice, so a test sees a reproducible mix
 */
public record LoadGeneratorSettings(URI apiUrl, double queriesPerSecond, Map<LoadQuery, Integer> weights, URI feedUrl,
		double flashesPerMinute, double signupsPerHour, int maxInFlight, Duration requestTimeout, long seed) {

	/**
	 * A front end's mix: the global feed and single flashes dominate, profile pages next,
	 * cached leaderboard and trending widgets, a little search.
	 */
	public static final Map<LoadQuery, Integer> REALISTIC_WEIGHTS = Collections.unmodifiableMap(
			weights("globalFlashes=30,flashes=15,globalFlash=15,getLeaderboard=10,getTrendingCities=8,unifiedFlashes=7,"
					+ "flashesSummary=5,progress=4,users=3,getAllCities=3"));

	public LoadGeneratorSettings {
		Objects.requireNonNull(apiUrl, "apiUrl");
		requireRate("queriesPerSecond", queriesPerSecond, 10_000);
		requireRate("flashesPerMinute", flashesPerMinute, 60_000);
		requireRate("signupsPerHour", signupsPerHour, 36_000);
		weights = Collections.unmodifiableMap(new EnumMap<>(Objects.requireNonNull(weights, "weights")));
		if (weights.values().stream().anyMatch((weight) -> weight == null || weight < 0)) {
			throw new IllegalArgumentException("weights must not be negative: " + weights);
		}
		if (queriesPerSecond > 0 && weights.values().stream().mapToInt(Integer::intValue).sum() == 0) {
			throw new IllegalArgumentException("at least one query needs a weight above 0");
		}
		if (flashesPerMinute > 0 && feedUrl == null) {
			throw new IllegalArgumentException("flashesPerMinute > 0 needs a feedUrl");
		}
		if (maxInFlight < 1) {
			throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
		}
		if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
			throw new IllegalArgumentException("requestTimeout must be positive, got " + requestTimeout);
		}
	}

	/**
	 * The devstack's API on {@code 127.0.0.1:4000}, 5 queries a second in the realistic
	 * mix, no feed, 6 signups an hour, at most 64 queries in flight, 5 s timeout.
	 * @return the default settings
	 */
	public static LoadGeneratorSettings defaults() {
		return new LoadGeneratorSettings(URI.create("http://127.0.0.1:4000/graphql"), 5, REALISTIC_WEIGHTS, null, 0, 6,
				64, Duration.ofSeconds(5), 42);
	}

	/**
	 * Settings from {@code LOAD_*} variables, when {@code LOAD_GENERATOR} is {@code on}
	 * (or {@code true}): {@code LOAD_API_URL} (http://127.0.0.1:4000/graphql),
	 * {@code LOAD_QUERIES_PER_SECOND} (5), {@code LOAD_QUERY_WEIGHTS}
	 * ({@code globalFlashes=30,flashes=15,…}), {@code LOAD_FEED_URL} (the feed simulator
	 * of this process), {@code LOAD_FLASHES_PER_MINUTE} (30),
	 * {@code LOAD_SIGNUPS_PER_HOUR} (6), {@code LOAD_MAX_IN_FLIGHT} (64).
	 * @param environment the variables, usually {@code System.getenv()}
	 * @param localFeed the feed simulator started beside it, used when
	 * {@code LOAD_FEED_URL} is not set; may be null
	 * @return the settings, or empty when the generator is off (the default)
	 * @throws IllegalArgumentException naming the variable when a value cannot be used
	 */
	public static Optional<LoadGeneratorSettings> fromEnvironment(Map<String, String> environment, URI localFeed) {
		String switchValue = environment.getOrDefault("LOAD_GENERATOR", "off").trim().toLowerCase(Locale.ROOT);
		if (!switchValue.equals("on") && !switchValue.equals("true")) {
			return Optional.empty();
		}
		LoadGeneratorSettings defaults = defaults();
		URI feed = EnvironmentVariables.read(environment, "LOAD_FEED_URL", localFeed, URI::create);
		double flashesPerMinute = EnvironmentVariables.read(environment, "LOAD_FLASHES_PER_MINUTE",
				(feed != null) ? 30.0 : 0.0, Double::parseDouble);
		return Optional.of(new LoadGeneratorSettings(
				EnvironmentVariables.read(environment, "LOAD_API_URL", defaults.apiUrl, URI::create),
				EnvironmentVariables.read(environment, "LOAD_QUERIES_PER_SECOND", defaults.queriesPerSecond,
						Double::parseDouble),
				EnvironmentVariables
					.read(environment, "LOAD_QUERY_WEIGHTS", defaults.weights, LoadGeneratorSettings::weights),
				feed, flashesPerMinute,
				EnvironmentVariables.read(environment, "LOAD_SIGNUPS_PER_HOUR", defaults.signupsPerHour,
						Double::parseDouble),
				EnvironmentVariables.read(environment, "LOAD_MAX_IN_FLIGHT", defaults.maxInFlight, Integer::parseInt),
				defaults.requestTimeout, defaults.seed));
	}

	/**
	 * Parses {@code key=weight,…} (keys as in {@link LoadQuery#key()}); queries not named
	 * get weight 0.
	 */
	static Map<LoadQuery, Integer> weights(String spec) {
		Map<LoadQuery, Integer> weights = new EnumMap<>(LoadQuery.class);
		for (String entry : spec.split(",")) {
			if (entry.isBlank()) {
				continue;
			}
			int equals = entry.indexOf('=');
			if (equals < 0) {
				throw new IllegalArgumentException("expected key=weight, got '" + entry.trim() + "'");
			}
			weights.put(LoadQuery.ofKey(entry.substring(0, equals)),
					Integer.parseInt(entry.substring(equals + 1).trim()));
		}
		return weights;
	}

	public LoadGeneratorSettings withApiUrl(URI apiUrl) {
		return new LoadGeneratorSettings(apiUrl, this.queriesPerSecond, this.weights, this.feedUrl,
				this.flashesPerMinute, this.signupsPerHour, this.maxInFlight, this.requestTimeout, this.seed);
	}

	public LoadGeneratorSettings withQueriesPerSecond(double queriesPerSecond) {
		return new LoadGeneratorSettings(this.apiUrl, queriesPerSecond, this.weights, this.feedUrl,
				this.flashesPerMinute, this.signupsPerHour, this.maxInFlight, this.requestTimeout, this.seed);
	}

	public LoadGeneratorSettings withWeights(Map<LoadQuery, Integer> weights) {
		return new LoadGeneratorSettings(this.apiUrl, this.queriesPerSecond, weights, this.feedUrl,
				this.flashesPerMinute, this.signupsPerHour, this.maxInFlight, this.requestTimeout, this.seed);
	}

	/**
	 * New flashes on a feed simulator.
	 * @param feedUrl its base URI, e.g. {@code http://127.0.0.1:8081}
	 * @param flashesPerMinute how many a minute
	 */
	public LoadGeneratorSettings withFeed(URI feedUrl, double flashesPerMinute) {
		return new LoadGeneratorSettings(this.apiUrl, this.queriesPerSecond, this.weights, feedUrl, flashesPerMinute,
				this.signupsPerHour, this.maxInFlight, this.requestTimeout, this.seed);
	}

	public LoadGeneratorSettings withSignupsPerHour(double signupsPerHour) {
		return new LoadGeneratorSettings(this.apiUrl, this.queriesPerSecond, this.weights, this.feedUrl,
				this.flashesPerMinute, signupsPerHour, this.maxInFlight, this.requestTimeout, this.seed);
	}

	public LoadGeneratorSettings withMaxInFlight(int maxInFlight) {
		return new LoadGeneratorSettings(this.apiUrl, this.queriesPerSecond, this.weights, this.feedUrl,
				this.flashesPerMinute, this.signupsPerHour, maxInFlight, this.requestTimeout, this.seed);
	}

	public LoadGeneratorSettings withSeed(long seed) {
		return new LoadGeneratorSettings(this.apiUrl, this.queriesPerSecond, this.weights, this.feedUrl,
				this.flashesPerMinute, this.signupsPerHour, this.maxInFlight, this.requestTimeout, seed);
	}

	private static void requireRate(String name, double value, double max) {
		if (!Double.isFinite(value) || value < 0 || value > max) {
			throw new IllegalArgumentException(name + " must be within 0.." + (long) max + ", got " + value);
		}
	}

}
