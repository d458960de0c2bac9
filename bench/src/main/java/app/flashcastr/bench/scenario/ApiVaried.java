package app.flashcastr.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.flashcastr.bench.report.CpuLayers;
import app.flashcastr.bench.report.Figure;
import app.flashcastr.bench.scenario.VariedTraffic.Form;
import app.flashcastr.bench.scenario.VariedTraffic.Traffic;
import app.flashcastr.bench.stack.BenchDatabase;
import app.flashcastr.bench.stack.CpuMeter;
import app.flashcastr.bench.stack.ServiceJvm;
import app.flashcastr.bench.stack.Wrk;
import app.flashcastr.localinfra.Ports;

/**
 * The API on traffic that varies (issue 14): on the {@code api} data, each query with its
 * arguments drawn per request by wrk's Lua ({@link VariedTraffic}), with literal
 * arguments and as one document with variables, on one API JVM with the whole-answer
 * cache off (the goals) and one with it on (as shipped). Per row: req/s and p50/p99 at
 * saturation ({@code wrk -t2 -c32}), p99 at the goal's rate (paced by wrk's Lua
 * {@code delay()}), API and PostgreSQL CPU per request; per JVM a cold row first and the
 * RSS after the load. The identical query of {@code api} stays as its own row.
 */
public final class ApiVaried implements Benchmark {

	private static final String NAME = "api-varied";

	private static final int DEFAULT_SECONDS = 15;

	private static final Wrk WRK = new Wrk(2, 32);

	private static final int PACED_DELAY_MILLIS = 4;

	/** Requests drawn by each script and sent once before its load. */
	private static final int CHECKED_DRAWS = 50;

	/**
	 * The API's whole-answer cache ({@code flashcastr.api.cache.query-result-ttl}); 0
	 * turns it off.
	 */
	private static final String WHOLE_ANSWER_CACHE_TTL = "FLASHCASTR_API_CACHE_QUERYRESULTTTL";

	private static final String QUERY_RESULT_TAG = "?tag=cache_name:query_result";

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
		Timing timing = Timing.of(context.secondsOr(DEFAULT_SECONDS));
		int rows = 1 + Traffic.values().length * Form.values().length;
		int pacedRows = (int) Arrays.stream(Traffic.values()).filter((traffic) -> traffic.goalRate() > 0).count()
				* Form.values().length;
		Duration perRun = timing.measured().plusSeconds(10);
		Duration perJvm = Duration.ofMinutes(2)
			.plus(perRun)
			.plus(timing.longestJvmWarmUp())
			.plus(timing.warmUp().plus(perRun.multipliedBy(context.runsOr(1))).multipliedBy(rows))
			.plus(perRun.multipliedBy((long) pacedRows * context.runsOr(1)))
			.plus(ServiceJvm.QUIET);
		return perJvm.multipliedBy(modes(context).size()).plusMinutes(3);
	}

	@Override
	public List<Figure> run(BenchContext context) throws Exception {
		if (!Wrk.available()) {
			// Asked for by name or with the others, it cannot measure anything without
			// it.
			throw new IllegalStateException(
					NAME + " needs wrk on the PATH, which is not installed (Debian: apt-get install -y wrk)");
		}
		Timing timing = Timing.of(context.secondsOr(DEFAULT_SECONDS));
		int runs = context.runsOr(1);
		context.note(NAME
				+ ": per API JVM (-Xmx%s): the cold row (the mix with variables, measured from readiness, "
					.formatted(context.serviceHeap())
				+ "%d s), then %d s of the mix with literal arguments to warm the JVM, then %d s of each row's own "
					.formatted(timing.measured().toSeconds(), timing.jvmWarmUp().toSeconds(),
							timing.warmUp().toSeconds())
				+ "traffic before its %d measured s; paced rows: wrk's Lua delay() of %d ms per connection"
					.formatted(timing.measured().toSeconds(), PACED_DELAY_MILLIS));
		Map<String, List<Figure>> byRow = new LinkedHashMap<>();
		List<Figure> perJvm = new ArrayList<>();
		try (BenchDatabase database = BenchDatabase.create()) {
			Api.Seed seed = Api.seed(database);
			List<Row> rows = rows(seed);
			Row cold = rows.stream().filter((row) -> row.key().equals("mix-variables")).findFirst().orElseThrow();
			Row jvmWarmUp = rows.stream().filter((row) -> row.key().equals("mix-literal")).findFirst().orElseThrow();
			for (Mode mode : modes(context)) {
				int port = Ports.freePort();
				List<CpuLayers.Window> profiled = new ArrayList<>();
				try (ServiceJvm api = Api.startApi(context, database, port, mode.environment(),
						NAME + "-cache-" + mode.key())) {
					Session session = new Session(context, mode, api, "http://127.0.0.1:" + port + "/graphql", timing,
							runs, profiled);
					byRow.computeIfAbsent("cold", (key) -> new ArrayList<>())
						.addAll(session.measure(cold,
								"cold (first %d s after readiness)".formatted(timing.measured().toSeconds()),
								Duration.ZERO, 1, false));
					session.warmUpUntilSettled(jvmWarmUp, timing.jvmWarmUp(), timing.longestJvmWarmUp(), "jvm-warmup");
					for (Row row : rows) {
						byRow.computeIfAbsent(row.key(), (key) -> new ArrayList<>())
							.addAll(session.measure(row, "", timing.warmUp(), runs, row.goalRate() > 0));
					}
					perJvm.add(
							new Figure(NAME,
									"API RSS after the load, whole-answer cache %s, -Xmx%s".formatted(mode.key(),
											context.serviceHeap()),
									"MiB", List.of(api.rssBytes() / 1048576.0), "≤ 256"));
					if (context.nativeMemoryTracking()) {
						writeMemoryBreakdown(context, api, NAME + "-cache-" + mode.key());
					}
					else {
						// NMT's breakdown ends in a full collection: no quiet figure
						// after it.
						perJvm.add(new Figure(NAME,
								"API RSS %d s after the load (quiet), whole-answer cache %s, -Xmx%s"
									.formatted(ServiceJvm.QUIET.toSeconds(), mode.key(), context.serviceHeap()),
								"MiB", List.of(api.rssBytesAfterQuiet(ServiceJvm.QUIET) / 1048576.0), "≤ 256"));
					}
					checkCache(context, mode, api);
				}
				if (context.jfr()) {
					// The recording is written as the JVM exits.
					noteCpuLayers(context, context.logDirectory().resolve(NAME + "-cache-" + mode.key() + ".jfr"),
							profiled);
				}
			}
		}
		List<Figure> figures = new ArrayList<>();
		byRow.values().forEach(figures::addAll);
		figures.addAll(perJvm);
		return figures;
	}

	/**
	 * Both API JVMs; with {@code --quick} only the goals' one (whole-answer cache off).
	 */
	static List<Mode> modes(BenchContext context) {
		return context.quick() ? List.of(Mode.OFF) : List.of(Mode.values());
	}

	/** The identical query of {@code api}, then every traffic in both forms. */
	static List<Row> rows(Api.Seed seed) throws Exception {
		List<Row> rows = new ArrayList<>();
		Api.Query identical = Api.queries(seed)
			.stream()
			.filter((query) -> query.name().equals("flashes"))
			.findFirst()
			.orElseThrow();
		String body = json.writeValueAsString(Map.of("query", identical.document()));
		rows.add(new Row("identical", "identical query, flashes(fid: busiest)", body, null, "", ""));
		for (Traffic traffic : Traffic.values()) {
			for (Form form : Form.values()) {
				rows.add(new Row(traffic.key() + "-" + form.name().toLowerCase(Locale.ROOT),
						traffic.label() + ", " + form.label(), null, VariedTraffic.requestLua(seed, traffic, form),
						traffic.throughputGoal(), traffic.p99Goal()));
			}
		}
		return rows;
	}

	/**
	 * With {@code --jfr}: per row's first measured run, where the API's CPU per request
	 * went, layer by layer ({@link CpuLayers}).
	 */
	private static void noteCpuLayers(BenchContext context, Path recording, List<CpuLayers.Window> windows)
			throws IOException {
		for (CpuLayers.Breakdown breakdown : CpuLayers.read(recording, windows)) {
			context.note(
					NAME + " " + breakdown.window().label() + ", run 1, JFR CPU-time samples: " + breakdown.describe());
		}
	}

	/**
	 * Where the RSS goes, taken after the RSS figure (the full GC changes it): the NMT
	 * summary, the heap before and after a full GC (the live set) and the loaded classes,
	 * in the log directory.
	 */
	private static void writeMemoryBreakdown(BenchContext context, ServiceJvm api, String label) throws Exception {
		// First the mappings as at the RSS figure: what NMT does not see (libjvm, glibc's
		// free lists, mapped files) is the difference.
		Files.copy(Path.of("/proc", Long.toString(api.pid()), "smaps"),
				context.logDirectory().resolve(label + "-smaps.txt"), StandardCopyOption.REPLACE_EXISTING);
		Path nmt = context.logDirectory().resolve(label + "-nmt.txt");
		Files.writeString(nmt, Soak.jcmd(api, "VM.native_memory", "summary"));
		Path heap = context.logDirectory().resolve(label + "-heap.txt");
		Files.writeString(heap, Soak.jcmd(api, "GC.heap_info") + "\n--- after GC.run\n" + Soak.jcmd(api, "GC.run")
				+ Soak.jcmd(api, "GC.heap_info"));
		Path classes = context.logDirectory().resolve(label + "-classes.txt");
		Files.writeString(classes, Soak.jcmd(api, "VM.class_hierarchy"));
		context.note(NAME + ": memory breakdown of the %s JVM in %s-{smaps,nmt,heap,classes}.txt".formatted(label,
				context.logDirectory().resolve(label)));
	}

	/**
	 * With the cache off, the whole-answer cache must not have seen a request (else the
	 * switch did not take and the figures are not the goals'); with it on, its share of
	 * answers goes into the notes.
	 */
	private static void checkCache(BenchContext context, Mode mode, ServiceJvm api) throws Exception {
		double hits = api.counter("flashcastr_api_cache_hits" + QUERY_RESULT_TAG);
		double misses = api.counter("flashcastr_api_cache_misses" + QUERY_RESULT_TAG);
		if (mode == Mode.OFF && hits + misses > 0) {
			throw new IllegalStateException("the whole-answer cache answered %,.0f and missed %,.0f with %s=0"
				.formatted(hits, misses, WHOLE_ANSWER_CACHE_TTL));
		}
		if (mode == Mode.ON) {
			context.note(NAME + String.format(Locale.ROOT,
					", whole-answer cache on: %,.0f hits, %,.0f misses over all rows (%.0f %% answered from it)", hits,
					misses, 100 * hits / Math.max(1, hits + misses)));
		}
	}

	/**
	 * Sends requests the script draws once each: every answer must be 200, without
	 * errors, and some must carry rows, or the load would measure an error path.
	 */
	private static void check(String url, Row row, String script) throws Exception {
		List<String> bodies = (row.body() != null) ? List.of(row.body())
				: new LuaDraws(script, System.nanoTime()).next(CHECKED_DRAWS);
		int withRows = 0;
		for (String body : bodies) {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			JsonNode answer = (response.statusCode() == 200) ? json.readTree(response.body()) : null;
			JsonNode data = (answer != null) ? answer.get("data") : null;
			if (answer == null || answer.get("errors") != null || data == null || !data.isObject()) {
				String shown = response.body().substring(0, Math.min(300, response.body().length()));
				throw new IllegalStateException(
						row.key() + ": " + body + " answered " + response.statusCode() + " without data: " + shown);
			}
			for (JsonNode field : data) {
				if ((field.isArray() && !field.isEmpty()) || field.isObject()) {
					withRows++;
					break;
				}
			}
		}
		if (withRows == 0) {
			throw new IllegalStateException(row.key() + ": no sampled request found rows, e.g. " + bodies.get(0));
		}
		System.out.printf("[bench] %s %s: %d of %d sampled requests (%d distinct) answered with rows%n", NAME,
				row.key(), withRows, bodies.size(), new HashSet<>(bodies).size());
	}

	/** Whether the whole-answer cache runs. */
	enum Mode {

		/** The goals' setting: every request executed. */
		OFF("off", Map.of(WHOLE_ANSWER_CACHE_TTL, "0")),

		/** As shipped: identical requests within 500 ms answered from memory. */
		ON("on", Map.of());

		private final String key;

		private final Map<String, String> environment;

		Mode(String key, Map<String, String> environment) {
			this.key = key;
			this.environment = environment;
		}

		String key() {
			return this.key;
		}

		Map<String, String> environment() {
			return this.environment;
		}

	}

	/**
	 * Durations of one invocation.
	 *
	 * @param measured one measured wrk run (also the cold row and a paced run)
	 * @param warmUp each row's own traffic before its measurement
	 * @param jvmWarmUp the least of the mix once per JVM after the cold row
	 */
	record Timing(Duration measured, Duration warmUp, Duration jvmWarmUp) {

		static Timing of(int seconds) {
			return new Timing(Duration.ofSeconds(seconds), Duration.ofSeconds(Math.max(2, seconds / 3)),
					Duration.ofSeconds(Math.max(JitSettling.LEAST_API_WARM_UP.toSeconds(), seconds * 4 / 3)));
		}

		/** The JVM warm-up's limit while its JIT has not settled. */
		Duration longestJvmWarmUp() {
			Duration scaled = this.measured.multipliedBy(16);
			return (scaled.compareTo(JitSettling.LONGEST_API_WARM_UP) > 0) ? scaled : JitSettling.LONGEST_API_WARM_UP;
		}

	}

	/**
	 * One row of the table: a script's traffic.
	 *
	 * @param key names its files
	 * @param label the figures' name
	 * @param body the one body of the identical query, or null
	 * @param requests Lua defining {@code request()}, or null for the identical query
	 * @param throughputGoal issue 14's goal with the cache off, or empty
	 * @param p99Goal issue 14's p99 goal at the throughput goal's rate, or empty
	 */
	record Row(String key, String label, String body, String requests, String throughputGoal, String p99Goal) {

		int goalRate() {
			return this.p99Goal.isEmpty() ? 0 : Integer.parseInt(this.throughputGoal.replaceAll("[^0-9]", ""));
		}

		/** The script's text with the pause per connection, or none. */
		String script(int delayMillis) {
			return Wrk.script((this.body != null) ? "wrk.body = [==[" + this.body + "]==]" : this.requests,
					delayMillis);
		}

	}

	/** The rows on one API JVM. */
	private record Session(BenchContext context, Mode mode, ServiceJvm api, String url, Timing timing, int runs,
			List<CpuLayers.Window> profiled) {

		void warmUp(Row row, Duration duration, String label) throws Exception {
			Path script = script(row, 0, "");
			WRK.run(this.url, script, duration, log(row, label));
		}

		/**
		 * The JVM's warm-up: {@code duration} of the row's traffic, then more until the
		 * JIT has settled, at most {@code longest} in all ({@link JitSettling#warmUp}).
		 */
		void warmUpUntilSettled(Row row, Duration duration, Duration longest, String label) throws Exception {
			long started = System.nanoTime();
			JitSettling jit = JitSettling.warmUp(this.api, WRK, this.url, script(row, 0, ""), duration, longest,
					(extra) -> log(row, (extra == 0) ? label : label + "-more" + extra));
			this.context.note(
					"%s: JVM warm-up, whole-answer cache %s: %.0f s (%d s, then until its compilers used at most %.0f %% of a core over %.0f s, %d times in a row: %s, last %.0f %%)"
						.formatted(NAME, this.mode.key(), (System.nanoTime() - started) / 1e9, duration.toSeconds(),
								JitSettling.SETTLED_SHARE * 100, JitSettling.WINDOW_SECONDS, JitSettling.QUIET_WINDOWS,
								jit.wasSettled() ? "settled" : "not settled, stopped at the limit", jit.share() * 100));
		}

		/**
		 * Warm-up (unless zero), then the measured runs with CPU per request, then the
		 * paced runs if asked.
		 */
		List<Figure> measure(Row row, String suffix, Duration warmUp, int measuredRuns, boolean paced)
				throws Exception {
			Path script = script(row, 0, "");
			check(this.url, row, Files.readString(script));
			if (!warmUp.isZero()) {
				WRK.run(this.url, script, warmUp, log(row, "warmup"));
			}
			String label = row.label() + (suffix.isEmpty() ? "" : ", " + suffix) + ", cache " + this.mode.key();
			boolean goals = this.mode == Mode.OFF && suffix.isEmpty();
			List<Double> throughput = new ArrayList<>();
			List<Double> p50 = new ArrayList<>();
			List<Double> p99 = new ArrayList<>();
			List<Double> apiMicros = new ArrayList<>();
			List<Double> postgresMicros = new ArrayList<>();
			for (int run = 1; run <= measuredRuns; run++) {
				this.api.ensureAlive();
				CpuMeter cpu = CpuMeter.forStack("api", this.api.pid());
				cpu.start();
				Instant from = Instant.now();
				Wrk.Result result = WRK.run(this.url, script, this.timing.measured(),
						log(row, (suffix.isEmpty() ? "" : "cold-") + "run" + run));
				Instant to = Instant.now();
				Map<String, Double> seconds = new LinkedHashMap<>(cpu.secondsSinceStart());
				seconds.put("wrk", result.cpuSeconds());
				double responses = Math.max(1, result.responses());
				System.out.printf(Locale.ROOT,
						"[bench] %s %s, cache %s%s run %d: %,.0f req/s, p50 %.2f ms, p99 %.2f ms, %d bad of %,d%n",
						NAME, row.key(), this.mode.key(), suffix.isEmpty() ? "" : " " + suffix, run,
						result.requestsPerSecond(), result.p50(), result.p99(), result.bad(), result.responses());
				if (run == 1 && this.context.jfr()) {
					this.profiled.add(new CpuLayers.Window(label, from, to, responses, seconds.get("api")));
				}
				if (run == 1) {
					this.context.note(NAME + " " + label
							+ ", run 1, CPU seconds during %d s: ".formatted(this.timing.measured().toSeconds())
							+ CpuShares.describe(seconds));
				}
				noteBad(label + " run " + run, result);
				throughput.add(result.requestsPerSecond());
				p50.add(result.p50());
				p99.add(result.p99());
				apiMicros.add(seconds.get("api") * 1e6 / responses);
				postgresMicros.add(seconds.get("PostgreSQL") * 1e6 / responses);
			}
			List<Figure> figures = new ArrayList<>();
			figures.add(new Figure(NAME, label + ": req/s at saturation (-c32)", "req/s", throughput,
					goals ? row.throughputGoal() : ""));
			figures.add(new Figure(NAME, label + ": p50 at saturation", "ms", p50, ""));
			figures.add(new Figure(NAME, label + ": p99 at saturation", "ms", p99, ""));
			figures.add(new Figure(NAME, label + ": API CPU per request", "µs", apiMicros, ""));
			figures.add(new Figure(NAME, label + ": PostgreSQL CPU per request", "µs", postgresMicros, ""));
			if (paced) {
				figures.addAll(paced(row, label, goals));
			}
			return figures;
		}

		/**
		 * The p99 goal is a promise at the goal's rate: {@value #PACED_DELAY_MILLIS} ms
		 * pause per connection after each answer, enough connections to offer about 10 %
		 * more than that rate (like wrk itself, not corrected for coordinated omission).
		 */
		private List<Figure> paced(Row row, String label, boolean goals) throws Exception {
			// wrk's timers tick in whole milliseconds: a pause lasts about one more.
			int connections = (int) Math.ceil(1.1 * row.goalRate() * (PACED_DELAY_MILLIS + 1.5) / 1000);
			Wrk wrk = new Wrk(2, connections);
			Path script = script(row, PACED_DELAY_MILLIS, "-paced");
			List<Double> rate = new ArrayList<>();
			List<Double> p99 = new ArrayList<>();
			for (int run = 1; run <= this.runs; run++) {
				this.api.ensureAlive();
				Wrk.Result result = wrk.run(this.url, script, this.timing.measured(), log(row, "paced-run" + run));
				System.out.printf(Locale.ROOT,
						"[bench] %s %s, cache %s, paced run %d (-c%d, %d ms pause): %,.0f req/s, p99 %.2f ms, "
								+ "%d bad of %,d%n",
						NAME, row.key(), this.mode.key(), run, connections, PACED_DELAY_MILLIS,
						result.requestsPerSecond(), result.p99(), result.bad(), result.responses());
				noteBad(label + " paced run " + run, result);
				rate.add(result.requestsPerSecond());
				p99.add(result.p99());
			}
			String how = " (-c%d, %d ms pause)".formatted(connections, PACED_DELAY_MILLIS);
			return List.of(
					new Figure(NAME, label + ": paced rate" + how, "req/s", rate,
							goals ? "≥ %,d".formatted(row.goalRate()) : ""),
					new Figure(NAME, label + ": p99 at the paced rate", "ms", p99, goals ? row.p99Goal() : ""));
		}

		private void noteBad(String what, Wrk.Result result) {
			if (result.bad() > 0 || result.socketErrors() > 0) {
				this.context.note(NAME + " " + what + ": " + result.bad() + " bad responses (non-200 or errors) of "
						+ result.responses() + ", " + result.socketErrors() + " socket errors");
			}
		}

		private Path script(Row row, int delayMillis, String suffix) throws Exception {
			Path script = this.context.logDirectory()
				.resolve(NAME + "-" + this.mode.key() + "-" + row.key() + suffix + ".lua");
			Files.writeString(script, row.script(delayMillis));
			return script;
		}

		private Path log(Row row, String what) {
			return this.context.logDirectory()
				.resolve(NAME + "-" + this.mode.key() + "-" + row.key() + "-" + what + ".txt");
		}

	}

}
