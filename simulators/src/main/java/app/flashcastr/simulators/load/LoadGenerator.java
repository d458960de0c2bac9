package app.flashcastr.simulators.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends traffic at fixed rates until stopped: GraphQL queries drawn from a weighted mix,
 * new flashes on the feed simulator, and signups that the Neynar simulator approves.
 * Everything is best effort: a service that is down (or not up yet) only raises the
 * failure counters, logged in a summary line every 30 s.
 *
 * <pre class="code">
 * try (LoadGenerator load = LoadGenerator.start(LoadGeneratorSettings.defaults()
 *         .withApiUrl(URI.create("http://127.0.0.1:4000/graphql")).withQueriesPerSecond(20))) {
 *     ... load.counters() ...
 * }
 * </pre>
 */
public final class LoadGenerator implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LoadGenerator.class);

	private static final Duration SUMMARY_EVERY = Duration.ofSeconds(30);

	private static final int SIGNUP_POLLS = 10;

	private final LoadGeneratorSettings settings;

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();

	private final HttpClient http;

	private final ScheduledExecutorService ticker;

	private final LoadQuery[] choices;

	private final int[] cumulativeWeights;

	private final Random random;

	private final Map<LoadQuery, AtomicLong> answered = new EnumMap<>(LoadQuery.class);

	private final AtomicLong queryFailures = new AtomicLong();

	private final AtomicLong queriesDropped = new AtomicLong();

	private final AtomicLong flashesEmitted = new AtomicLong();

	private final AtomicLong feedFailures = new AtomicLong();

	private final AtomicLong signupsStarted = new AtomicLong();

	private final AtomicLong signupsCompleted = new AtomicLong();

	private final AtomicLong signupsFailed = new AtomicLong();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final DoubleAdder flashesOwed = new DoubleAdder();

	// What earlier answers taught us, so parameterised queries ask for things that exist.
	private final AtomicReference<List<String>> knownFlashIds = new AtomicReference<>(List.of());

	private final AtomicReference<List<Integer>> knownFids = new AtomicReference<>(List.of());

	private final AtomicReference<List<String>> knownPlayers = new AtomicReference<>(List.of());

	private final Set<String> signedUpNames = ConcurrentHashMap.newKeySet();

	private final AtomicLong signupSequence = new AtomicLong();

	private LoadGenerator(LoadGeneratorSettings settings) {
		this.settings = settings;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.executor(this.requests)
			.build();
		this.ticker = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("load-generator-ticker").factory());
		List<LoadQuery> weighted = new ArrayList<>();
		List<Integer> cumulative = new ArrayList<>();
		int sum = 0;
		for (LoadQuery query : LoadQuery.values()) {
			this.answered.put(query, new AtomicLong());
			int weight = settings.weights().getOrDefault(query, 0);
			if (weight > 0) {
				sum += weight;
				weighted.add(query);
				cumulative.add(sum);
			}
		}
		this.choices = weighted.toArray(LoadQuery[]::new);
		this.cumulativeWeights = cumulative.stream().mapToInt(Integer::intValue).toArray();
		this.random = new Random(settings.seed());
	}

	/**
	 * Starts sending traffic at once.
	 * @param settings what to send, where, how fast
	 * @return the running generator; {@link #close()} stops it
	 */
	public static LoadGenerator start(LoadGeneratorSettings settings) {
		LoadGenerator generator = new LoadGenerator(Objects.requireNonNull(settings, "settings"));
		generator.schedule();
		logger.info("Load generator on: {} queries/s to {}, {} flashes/min on {}, {} signups/h",
				settings.queriesPerSecond(), settings.apiUrl(), settings.flashesPerMinute(), settings.feedUrl(),
				settings.signupsPerHour());
		return generator;
	}

	private void schedule() {
		if (this.settings.queriesPerSecond() > 0) {
			long periodNanos = Math.max(1, Math.round(1e9 / this.settings.queriesPerSecond()));
			this.ticker.scheduleAtFixedRate(this::queryTick, 0, periodNanos, TimeUnit.NANOSECONDS);
		}
		if (this.settings.flashesPerMinute() > 0) {
			this.ticker.scheduleAtFixedRate(this::feedTick, 1, 1, TimeUnit.SECONDS);
		}
		if (this.settings.signupsPerHour() > 0) {
			long periodMillis = Math.round(3_600_000 / this.settings.signupsPerHour());
			// The first one soon, so a fresh devstack shows a signup within seconds.
			this.ticker.scheduleAtFixedRate(this::signupTick, Math.min(periodMillis, 5_000), periodMillis,
					TimeUnit.MILLISECONDS);
		}
		this.ticker.scheduleAtFixedRate(() -> logger.info("Load generator: {}", counters().describe()),
				SUMMARY_EVERY.toSeconds(), SUMMARY_EVERY.toSeconds(), TimeUnit.SECONDS);
	}

	/** Counters so far. */
	public LoadCounters counters() {
		Map<LoadQuery, Long> queries = new EnumMap<>(LoadQuery.class);
		this.answered.forEach((query, count) -> queries.put(query, count.get()));
		return new LoadCounters(queries, this.queryFailures.get(), this.queriesDropped.get(), this.flashesEmitted.get(),
				this.feedFailures.get(), this.signupsStarted.get(), this.signupsCompleted.get(),
				this.signupsFailed.get());
	}

	/** The settings it runs with. */
	public LoadGeneratorSettings settings() {
		return this.settings;
	}

	private void queryTick() {
		if (this.inFlight.get() >= this.settings.maxInFlight()) {
			this.queriesDropped.incrementAndGet();
			return;
		}
		LoadQuery query = choose();
		ObjectNode body = this.mapper.createObjectNode();
		body.put("operationName", query.operationName());
		body.put("query", query.document());
		ObjectNode variables = body.putObject("variables");
		if (query.needsFid()) {
			variables.put("fid", pick(this.knownFids.get()));
		}
		else if (query == LoadQuery.GLOBAL_FLASH) {
			variables.put("id", pick(this.knownFlashIds.get()));
		}
		this.inFlight.incrementAndGet();
		post(this.settings.apiUrl(), body).whenComplete((response, failure) -> {
			this.inFlight.decrementAndGet();
			this.answered.get(query).incrementAndGet();
			JsonNode answer = (failure == null) ? graphQlData(response) : null;
			if (answer == null) {
				this.queryFailures.incrementAndGet();
				return;
			}
			learn(query, answer);
		});
	}

	/**
	 * A weighted draw; a query that needs an id nobody has told us yet becomes the query
	 * that learns it.
	 */
	LoadQuery choose() {
		int draw = this.random.nextInt(this.cumulativeWeights[this.cumulativeWeights.length - 1]);
		LoadQuery chosen = this.choices[this.choices.length - 1];
		for (int i = 0; i < this.cumulativeWeights.length; i++) {
			if (draw < this.cumulativeWeights[i]) {
				chosen = this.choices[i];
				break;
			}
		}
		if (chosen.needsFid() && this.knownFids.get().isEmpty()) {
			return LoadQuery.USERS;
		}
		if (chosen == LoadQuery.GLOBAL_FLASH && this.knownFlashIds.get().isEmpty()) {
			return LoadQuery.GLOBAL_FLASHES;
		}
		return chosen;
	}

	private void learn(LoadQuery query, JsonNode data) {
		if (query == LoadQuery.GLOBAL_FLASHES) {
			List<String> ids = new ArrayList<>();
			List<String> players = new ArrayList<>();
			for (JsonNode flash : data.path("globalFlashes")) {
				ids.add(flash.path("flash_id").asString());
				if (flash.hasNonNull("player")) {
					players.add(flash.path("player").asString());
				}
			}
			if (!ids.isEmpty()) {
				this.knownFlashIds.set(List.copyOf(ids));
				this.knownPlayers.set(List.copyOf(players));
			}
		}
		else if (query == LoadQuery.USERS) {
			List<Integer> fids = new ArrayList<>();
			data.path("users").forEach((user) -> fids.add(user.path("fid").asInt()));
			if (!fids.isEmpty()) {
				this.knownFids.set(List.copyOf(fids));
			}
		}
	}

	private void feedTick() {
		this.flashesOwed.add(this.settings.flashesPerMinute() / 60);
		int count = (int) Math.floor(this.flashesOwed.sum());
		if (count < 1) {
			return;
		}
		this.flashesOwed.add(-count);
		ObjectNode body = this.mapper.createObjectNode();
		body.put("count", Math.min(count, 10_000));
		post(this.settings.feedUrl().resolve("/__admin/flashes"), body).whenComplete((response, failure) -> {
			if (failure == null && response.statusCode() == 200) {
				this.flashesEmitted.addAndGet(count);
			}
			else {
				this.feedFailures.incrementAndGet();
			}
		});
	}

	private void signupTick() {
		this.requests.execute(this::signUpOnce);
	}

	/**
	 * initiateSignup, then pollSignupStatus until approved: the Neynar simulator approves
	 * a signer after a few lookups, like a user tapping "approve" in Warpcast.
	 */
	private void signUpOnce() {
		String username = nextUsername();
		try {
			ObjectNode initiate = this.mapper.createObjectNode();
			initiate.put("operationName", "LoadInitiateSignup");
			initiate.put("query",
					"mutation LoadInitiateSignup($u: String!) { initiateSignup(username: $u) { signer_uuid status } }");
			initiate.putObject("variables").put("u", username);
			JsonNode started = graphQlData(post(this.settings.apiUrl(), initiate).join());
			String signer = (started != null) ? started.path("initiateSignup").path("signer_uuid").asString("") : "";
			if (signer.isEmpty()) {
				this.signupsFailed.incrementAndGet();
				return;
			}
			this.signupsStarted.incrementAndGet();
			ObjectNode poll = this.mapper.createObjectNode();
			poll.put("operationName", "LoadPollSignupStatus");
			poll.put("query", "query LoadPollSignupStatus($s: String!, $u: String!) "
					+ "{ pollSignupStatus(signer_uuid: $s, username: $u) { status fid } }");
			poll.putObject("variables").put("s", signer).put("u", username);
			for (int attempt = 0; attempt < SIGNUP_POLLS; attempt++) {
				Thread.sleep(500);
				JsonNode status = graphQlData(post(this.settings.apiUrl(), poll).join());
				if (status != null
						&& "APPROVED_FINALIZED".equals(status.path("pollSignupStatus").path("status").asString(""))) {
					this.signupsCompleted.incrementAndGet();
					return;
				}
			}
			this.signupsFailed.incrementAndGet();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			// Down or not up yet: counted, and the summary line says so.
			this.signupsFailed.incrementAndGet();
		}
	}

	/** A player seen in the feed who has not signed up yet, else a made-up name. */
	private String nextUsername() {
		for (String player : this.knownPlayers.get()) {
			if (this.signedUpNames.add(player)) {
				return player;
			}
		}
		return "load_player_" + this.signupSequence.incrementAndGet();
	}

	private java.util.concurrent.CompletableFuture<HttpResponse<String>> post(URI uri, JsonNode body) {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(this.settings.requestTimeout())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(this.mapper.writeValueAsString(body)))
			.build();
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

	/** The {@code data} of a 200 answer without errors, else null. */
	private JsonNode graphQlData(HttpResponse<String> response) {
		if (response.statusCode() != 200) {
			return null;
		}
		try {
			JsonNode answer = this.mapper.readTree(response.body());
			if (answer.has("errors") || !answer.hasNonNull("data")) {
				return null;
			}
			return answer.get("data");
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static <T> T pick(List<T> known) {
		return known.get(ThreadLocalRandom.current().nextInt(known.size()));
	}

	/** Same as {@link #close()}. */
	public void stop() {
		close();
	}

	/** Stops every tick; requests still waiting are abandoned. */
	@Override
	public void close() {
		if (this.ticker.isShutdown()) {
			return;
		}
		this.ticker.shutdownNow();
		this.requests.shutdownNow();
		this.http.shutdownNow();
		logger.info("Load generator stopped: {}", counters().describe());
	}

}
