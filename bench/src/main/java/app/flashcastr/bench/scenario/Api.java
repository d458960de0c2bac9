package app.flashcastr.bench.scenario;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.flashcastr.bench.report.Figure;
import app.flashcastr.bench.stack.BenchDatabase;
import app.flashcastr.bench.stack.CpuMeter;
import app.flashcastr.bench.stack.ServiceJvm;
import app.flashcastr.bench.stack.Wrk;
import app.flashcastr.localinfra.Ports;
import app.flashcastr.simulators.feed.FeedSimulator;
import app.flashcastr.simulators.feed.FeedSimulatorSettings;
import app.flashcastr.simulators.feed.SimulatedFlash;

/**
 * The GraphQL API under load: 15,000 flashes over the last 30 days (with CIDs), 200 users
 * with ~4,700 linked flashes (the user of rank k has ~800 / k), the API JVM started on
 * them, then {@code wrk} (2 threads, 32 connections, 5 s warm-up, 15 s measured) POSTing
 * one query at a time to {@code /graphql}: requests per second and p50/p90/p99 latency
 * per query, bad responses counted.
 */
public final class Api implements Benchmark {

	private static final String NAME = "api";

	private static final int FLASHES = 15_000;

	private static final int USERS = 200;

	/** Links of the busiest user; the user of rank k has about this / k (at least 2). */
	private static final int BUSIEST_LINKS = 800;

	private static final int MIN_LINKS = 2;

	private static final int FIRST_FID = 10_001;

	private static final int ROWS_PER_STATEMENT = 5_000;

	/**
	 * Players offered to {@code globalFlashes(player)} filters: a table wrk's Lua keeps
	 * small.
	 */
	private static final int MAX_FILTER_PLAYERS = 2_000;

	private static final Duration WARM_UP = Duration.ofSeconds(5);

	private static final Duration FIRST_WARM_UP = Duration.ofSeconds(20);

	private static final Duration MEASURED = Duration.ofSeconds(15);

	// Start-up is timed by the startup benchmark; on a machine shared with builds it took
	// 100 s.
	private static final Duration READY_LIMIT = Duration.ofSeconds(180);

	private static final Wrk WRK = new Wrk(2, 32);

	private static final int PACED_DELAY_MILLIS = 4;

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Duration timeLimit(BenchContext context) {
		return Duration.ofMinutes(3)
			.plus(FIRST_WARM_UP)
			.plus(WARM_UP.plus(MEASURED.multipliedBy(2)).plusSeconds(10).multipliedBy(4L * context.runsOr(1)));
	}

	@Override
	public List<Figure> run(BenchContext context) throws Exception {
		if (!Wrk.available()) {
			context.note(NAME + ": skipped, wrk is not installed (Debian: apt-get install -y wrk)");
			return List.of();
		}
		int runs = context.runsOr(1);
		List<Figure> figures = new ArrayList<>();
		try (BenchDatabase database = BenchDatabase.create()) {
			Seed seed = seed(database);
			int port = Ports.freePort();
			try (ServiceJvm api = startApi(context, database, port, Map.of(), NAME)) {
				String url = "http://127.0.0.1:" + port + "/graphql";
				long bad = 0;
				for (Query query : queries(seed)) {
					String body = json.writeValueAsString(Map.of("query", query.document()));
					check(url, body, query);
					var script = context.logDirectory().resolve("api-" + query.name() + ".lua");
					Wrk.writeScript(script, body);
					// The first query also warms the JVM up (JIT): one run of 5 s was not
					// enough.
					boolean first = figures.isEmpty();
					WRK.run(url, script, first ? FIRST_WARM_UP : WARM_UP,
							context.logDirectory().resolve("api-" + query.name() + "-warmup.txt"));
					List<Double> throughput = new ArrayList<>();
					List<Double> p50 = new ArrayList<>();
					List<Double> p90 = new ArrayList<>();
					List<Double> p99 = new ArrayList<>();
					for (int run = 1; run <= runs; run++) {
						api.ensureAlive();
						CpuMeter cpu = CpuMeter.forStack("api", api.pid());
						cpu.start();
						Wrk.Result result = WRK.run(url, script, MEASURED,
								context.logDirectory().resolve("api-" + query.name() + "-run" + run + ".txt"));
						Map<String, Double> seconds = new LinkedHashMap<>(cpu.secondsSinceStart());
						seconds.put("wrk", result.cpuSeconds());
						System.out.printf(Locale.ROOT,
								"[bench] %s %s run %d: %,.0f req/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, "
										+ "%d bad of %,d%n",
								NAME, query.name(), run, result.requestsPerSecond(), result.p50(), result.p90(),
								result.p99(), result.bad(), result.responses());
						if (run == 1) {
							double perRequest = seconds.get("api") * 1e6 / Math.max(1, result.responses());
							context.note(NAME + " " + query.name()
									+ " run 1, CPU seconds during %d s: ".formatted(MEASURED.toSeconds())
									+ CpuShares.describe(seconds)
									+ String.format(Locale.ROOT, "; API %.0f µs CPU per request", perRequest));
						}
						if (result.bad() > 0 || result.socketErrors() > 0) {
							context.note(NAME + " " + query.name() + " run " + run + ": " + result.bad()
									+ " bad responses (non-200 or errors) of " + result.responses() + ", "
									+ result.socketErrors() + " socket errors");
						}
						bad += result.bad() + result.socketErrors();
						throughput.add(result.requestsPerSecond());
						p50.add(result.p50());
						p90.add(result.p90());
						p99.add(result.p99());
					}
					String label = query.label() + ", wrk -t2 -c32";
					figures.add(new Figure(NAME, label, "req/s", throughput, query.throughputGoal()));
					figures.add(new Figure(NAME, query.name() + " p50 at saturation", "ms", p50, ""));
					figures.add(new Figure(NAME, query.name() + " p90 at saturation", "ms", p90, ""));
					figures.add(new Figure(NAME, query.name() + " p99 at saturation", "ms", p99, ""));
					if (query.goalRate() > 0) {
						figures.addAll(paced(context, url, body, query, runs, api));
					}
				}
				figures.add(new Figure(NAME, "bad responses (non-200, errors, socket errors), all queries", "count",
						List.of((double) bad), "0"));
				figures.add(new Figure(NAME, "API RSS after the load, -Xmx" + context.serviceHeap(), "MiB",
						List.of(api.rssBytes() / 1048576.0), ""));
				ScrapeFigures.add(figures, NAME, "api", "after the load", api.port());
			}
		}
		return figures;
	}

	/**
	 * The latency goal is a p99 while serving the goal's rate, so it is measured there,
	 * not at saturation: {@value #PACED_DELAY_MILLIS} ms pause per connection, enough
	 * connections to offer about 10 % more than the goal rate.
	 */
	private static List<Figure> paced(BenchContext context, String url, String body, Query query, int runs,
			ServiceJvm api) throws Exception {
		// wrk's timers tick in whole milliseconds: a pause lasts about one more.
		int connections = (int) Math.ceil(1.1 * query.goalRate() * (PACED_DELAY_MILLIS + 1.5) / 1000);
		Wrk wrk = new Wrk(2, connections);
		var script = context.logDirectory().resolve("api-" + query.name() + "-paced.lua");
		Wrk.writeScript(script, body, PACED_DELAY_MILLIS);
		List<Double> rate = new ArrayList<>();
		List<Double> p99 = new ArrayList<>();
		for (int run = 1; run <= runs; run++) {
			api.ensureAlive();
			Wrk.Result result = wrk.run(url, script, MEASURED,
					context.logDirectory().resolve("api-" + query.name() + "-paced-run" + run + ".txt"));
			System.out.printf(Locale.ROOT,
					"[bench] %s %s paced run %d (-c%d, %d ms pause): %,.0f req/s, p50 %.2f ms, p90 %.2f ms, "
							+ "p99 %.2f ms, %d bad of %,d%n",
					NAME, query.name(), run, connections, PACED_DELAY_MILLIS, result.requestsPerSecond(), result.p50(),
					result.p90(), result.p99(), result.bad(), result.responses());
			if (result.bad() > 0 || result.socketErrors() > 0) {
				context.note(NAME + " " + query.name() + " paced run " + run + ": " + result.bad() + " bad responses, "
						+ result.socketErrors() + " socket errors");
			}
			rate.add(result.requestsPerSecond());
			p99.add(result.p99());
		}
		String how = ", wrk -t2 -c%d, %d ms pause per connection".formatted(connections, PACED_DELAY_MILLIS);
		return List.of(
				new Figure(NAME, query.name() + " paced rate" + how, "req/s", rate,
						"≥ %,d".formatted(query.goalRate())),
				new Figure(NAME, query.name() + " p99 at that rate", "ms", p99, query.p99Goal()));
	}

	/** A fresh database with the benchmark's flashes, users and links. */
	static Seed seed(BenchDatabase database) throws Exception {
		Seed seed;
		try (FeedSimulator feed = FeedSimulator.start(FeedSimulatorSettings.defaults());
				Connection connection = database.connect()) {
			seed = seed(connection, feed.emitFlashes(FLASHES));
		}
		System.out.printf("[bench] %s: seeded %,d flashes, %d users, %,d links; busiest fid %d has %d links%n", NAME,
				FLASHES, USERS, seed.linksPerFid().values().stream().mapToInt(Integer::intValue).sum(),
				seed.busiestFid(), seed.busiestLinks());
		return seed;
	}

	/** The API JVM on the seeded database, ready. */
	static ServiceJvm startApi(BenchContext context, BenchDatabase database, int port, Map<String, String> extra,
			String label) throws Exception {
		Map<String, String> environment = new LinkedHashMap<>(Map.of("DATABASE_URL", database.serviceUrl(), "PORT",
				Integer.toString(port), "NEYNAR_API_URL", "http://127.0.0.1:9"));
		environment.putAll(extra);
		ServiceJvm api = context.startService("api", label, context.jvmOptions(label, context.serviceHeap()),
				environment);
		double ready = api.awaitReady(READY_LIMIT);
		System.out.printf("[bench] %s: API ready in %.1f s (pid %d, log %s)%n", label, ready, api.pid(), api.log());
		return api;
	}

	/**
	 * Warm-up, then one measured wrk run of a query.
	 * @return wrk's figures
	 */
	static Wrk.Result load(BenchContext context, int port, Query query, String label, Duration measured)
			throws Exception {
		String url = "http://127.0.0.1:" + port + "/graphql";
		String body = json.writeValueAsString(Map.of("query", query.document()));
		check(url, body, query);
		var script = context.logDirectory().resolve(label + "-" + query.name() + ".lua");
		Wrk.writeScript(script, body);
		WRK.run(url, script, WARM_UP, context.logDirectory().resolve(label + "-" + query.name() + "-warmup.txt"));
		return WRK.run(url, script, measured, context.logDirectory().resolve(label + "-" + query.name() + ".txt"));
	}

	static List<Query> queries(Seed seed) {
		return List.of(
				new Query("globalFlashes", "globalFlashes(limit: 20)",
						"{ globalFlashes(limit: 20) { flash_id city player ipfs_cid timestamp } }", "≥ 6,000", "≤ 15"),
				new Query("flashes",
						"flashes(fid, limit: 20) with nested flash, fid with %d links".formatted(seed.busiestLinks()),
						"{ flashes(fid: %d, limit: 20) { id flash_id cast_hash flash { city ipfs_cid timestamp } } }"
							.formatted(seed.busiestFid()),
						"≥ 5,000", "≤ 20"),
				new Query("globalFlash", "globalFlash(flash_id)",
						"{ globalFlash(flash_id: \"%d\") { flash_id city player img ipfs_cid text timestamp flash_count } }"
							.formatted(seed.someFlashId()),
						"≥ 10,000", "≤ 10"),
				new Query("getLeaderboard", "getLeaderboard(limit: 100), cached",
						"{ getLeaderboard(limit: 100) { username flash_count city_count } }", "≥ 10,000", ""));
	}

	/**
	 * One request before the load: the answer must be 200, without errors and with data,
	 * or the figures would measure an error path.
	 */
	private static void check(String url, String body, Query query) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		JsonNode answer = (response.statusCode() == 200) ? json.readTree(response.body()) : null;
		JsonNode data = (answer != null && answer.get("data") != null) ? answer.get("data").get(query.name()) : null;
		boolean empty = data == null || data.isNull() || (data.isArray() && data.isEmpty());
		if (answer == null || answer.get("errors") != null || empty) {
			String shown = response.body().substring(0, Math.min(300, response.body().length()));
			throw new IllegalStateException(
					query.name() + " answered " + response.statusCode() + " without the expected data: " + shown);
		}
		System.out.printf("[bench] %s %s: %s%n", NAME, query.name(),
				data.isArray() ? data.size() + " rows" : "one object");
	}

	/**
	 * Flashes with CIDs and timestamps spread over the last 30 days; 200 users named
	 * after players, each link's flash played by its user, with links skewed as real
	 * users have them ({@link #linksPerUser}), so the leaderboard has a head and a tail.
	 */
	private static Seed seed(Connection connection, List<SimulatedFlash> flashes) throws Exception {
		Random random = new Random(20_260_101L);
		long now = Instant.now().getEpochSecond();
		int n = flashes.size();
		long[] ids = new long[n];
		String[] cities = new String[n];
		String[] players = new String[n];
		String[] imgs = new String[n];
		String[] texts = new String[n];
		long[] timestamps = new long[n];
		String[] counts = new String[n];
		String[] cids = new String[n];
		for (int i = 0; i < n; i++) {
			SimulatedFlash flash = flashes.get(i);
			ids[i] = flash.flashId();
			cities[i] = flash.city();
			players[i] = flash.player();
			imgs[i] = flash.img();
			texts[i] = flash.text();
			timestamps[i] = now - random.nextLong(30L * 86_400);
			counts[i] = flash.flashCount();
			cids[i] = cid(random);
		}
		Set<String> names = new LinkedHashSet<>();
		flashes.forEach((flash) -> names.add(flash.player()));
		List<String> usernames = new ArrayList<>(names.stream().limit(USERS).toList());
		while (usernames.size() < USERS) {
			usernames.add("player_" + usernames.size());
		}
		int[] linksPerUser = linksPerUser(USERS, BUSIEST_LINKS, MIN_LINKS);
		List<Integer> linkUsers = new ArrayList<>();
		for (int user = 0; user < USERS; user++) {
			for (int link = 0; link < linksPerUser[user]; link++) {
				linkUsers.add(user);
			}
		}
		Collections.shuffle(linkUsers, random);
		int links = linkUsers.size();
		List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
		Collections.shuffle(order, random);
		long[] linkFlash = new long[links];
		int[] linkFid = new int[links];
		String[] linkUsername = new String[links];
		String[] linkPfp = new String[links];
		String[] linkCast = new String[links];
		Map<Integer, Integer> perFid = new LinkedHashMap<>();
		for (int i = 0; i < links; i++) {
			int flash = order.get(i);
			int user = linkUsers.get(i);
			players[flash] = usernames.get(user);
			linkFlash[i] = ids[flash];
			linkFid[i] = FIRST_FID + user;
			linkUsername[i] = usernames.get(user);
			linkPfp[i] = "https://i.imgur.com/pfp" + user + ".png";
			linkCast[i] = (random.nextInt(10) == 0) ? null : "0x" + hex(random, 40);
			perFid.merge(linkFid[i], 1, Integer::sum);
		}
		for (int from = 0; from < n; from += ROWS_PER_STATEMENT) {
			int to = Math.min(n, from + ROWS_PER_STATEMENT);
			try (PreparedStatement insert = connection.prepareStatement("""
					INSERT INTO flashes (flash_id, city, player, img, text, timestamp, flash_count, ipfs_cid)
					SELECT id, city, player, img, text, to_timestamp(ts) AT TIME ZONE 'UTC', flash_count, cid
					FROM UNNEST(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[],
					            ?::text[]) AS f(id, city, player, img, text, ts, flash_count, cid)
					""")) {
				insert.setArray(1, connection.createArrayOf("int8", boxed(ids, from, to)));
				insert.setArray(2, connection.createArrayOf("text", slice(cities, from, to)));
				insert.setArray(3, connection.createArrayOf("text", slice(players, from, to)));
				insert.setArray(4, connection.createArrayOf("text", slice(imgs, from, to)));
				insert.setArray(5, connection.createArrayOf("text", slice(texts, from, to)));
				insert.setArray(6, connection.createArrayOf("int8", boxed(timestamps, from, to)));
				insert.setArray(7, connection.createArrayOf("text", slice(counts, from, to)));
				insert.setArray(8, connection.createArrayOf("text", slice(cids, from, to)));
				insert.executeUpdate();
			}
		}
		try (PreparedStatement insert = connection.prepareStatement(
				"""
						INSERT INTO flashcastr_users (fid, username, signer_uuid, auto_cast)
						SELECT fid, username, signer, true FROM UNNEST(?::int[], ?::text[], ?::text[]) AS u(fid, username, signer)
						""")) {
			insert.setArray(1, connection.createArrayOf("int4",
					IntStream.range(0, USERS).mapToObj((user) -> FIRST_FID + user).toArray()));
			insert.setArray(2, connection.createArrayOf("text", usernames.toArray()));
			insert.setArray(3, connection.createArrayOf("text",
					IntStream.range(0, USERS).mapToObj((user) -> UUID.randomUUID().toString()).toArray()));
			insert.executeUpdate();
		}
		try (PreparedStatement insert = connection.prepareStatement("""
				INSERT INTO flashcastr_flashes (flash_id, user_fid, user_username, user_pfp_url, cast_hash)
				SELECT * FROM UNNEST(?::bigint[], ?::int[], ?::text[], ?::text[], ?::text[])
				""")) {
			insert.setArray(1, connection.createArrayOf("int8", boxed(linkFlash, 0, links)));
			insert.setArray(2, connection.createArrayOf("int4", IntStream.of(linkFid).boxed().toArray()));
			insert.setArray(3, connection.createArrayOf("text", linkUsername));
			insert.setArray(4, connection.createArrayOf("text", linkPfp));
			insert.setArray(5, connection.createArrayOf("text", linkCast));
			insert.executeUpdate();
		}
		for (String table : List.of("flashes", "flashcastr_users", "flashcastr_flashes")) {
			FlashRows.vacuum(connection, table);
		}
		Map.Entry<Integer, Integer> busiest = perFid.entrySet()
			.stream()
			.max(Map.Entry.comparingByValue())
			.orElseThrow();
		long someFlash;
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement
					.executeQuery("SELECT flash_id FROM flashes ORDER BY flash_id LIMIT 1 OFFSET " + (n / 2))) {
			rs.next();
			someFlash = rs.getLong(1);
		}
		List<String> filterCities = Arrays.stream(cities).distinct().filter(VariedTraffic::safeName).sorted().toList();
		List<String> filterPlayers = Arrays.stream(players)
			.distinct()
			.filter(VariedTraffic::safeName)
			.sorted()
			.limit(MAX_FILTER_PLAYERS)
			.toList();
		return new Seed(busiest.getKey(), busiest.getValue(), someFlash, perFid, LongStream.of(ids).boxed().toList(),
				filterCities, filterPlayers);
	}

	/**
	 * Links per user as real users have them: a few with hundreds, many with a few. The
	 * user of rank k (from 1) has {@code busiest / k} links, at least {@code least}.
	 */
	static int[] linksPerUser(int users, int busiest, int least) {
		int[] links = new int[users];
		for (int user = 0; user < users; user++) {
			links[user] = Math.max(least, Math.round(busiest / (user + 1f)));
		}
		return links;
	}

	private static String cid(Random random) {
		String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
		StringBuilder cid = new StringBuilder("bafkrei");
		for (int i = 0; i < 52; i++) {
			cid.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return cid.toString();
	}

	private static String hex(Random random, int digits) {
		StringBuilder hex = new StringBuilder(digits);
		for (int i = 0; i < digits; i++) {
			hex.append(Character.forDigit(random.nextInt(16), 16));
		}
		return hex.toString();
	}

	private static Object[] boxed(long[] values, int from, int to) {
		Object[] boxed = new Object[to - from];
		for (int i = from; i < to; i++) {
			boxed[i - from] = values[i];
		}
		return boxed;
	}

	private static Object[] slice(String[] values, int from, int to) {
		Object[] slice = new Object[to - from];
		System.arraycopy(values, from, slice, 0, to - from);
		return slice;
	}

	/**
	 * What the seeded data offers the queries.
	 *
	 * @param busiestFid the user with the most links
	 * @param busiestLinks how many
	 * @param someFlashId an existing flash
	 * @param linksPerFid every user's links, by fid
	 * @param flashIds every flash
	 * @param cities every city (names safe to send as they are)
	 * @param players players of flashes (safe names, at most
	 * {@value #MAX_FILTER_PLAYERS})
	 */
	record Seed(int busiestFid, int busiestLinks, long someFlashId, Map<Integer, Integer> linksPerFid,
			List<Long> flashIds, List<String> cities, List<String> players) {
	}

	/**
	 * One GraphQL query under load.
	 *
	 * @param name the root field, also the label of its files and figures
	 * @param label the figure's name
	 * @param document the query
	 * @param throughputGoal from issue 4
	 * @param p99Goal from issue 4, or empty
	 */
	record Query(String name, String label, String document, String throughputGoal, String p99Goal) {

		/** The rate the p99 goal applies at, from the throughput goal; 0 if none. */
		int goalRate() {
			return this.p99Goal.isEmpty() ? 0 : Integer.parseInt(this.throughputGoal.replaceAll("[^0-9]", ""));
		}

	}

}
