package app.flashcastr.bench.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import app.flashcastr.bench.report.Figure;
import app.flashcastr.bench.stack.BenchDatabase;
import app.flashcastr.bench.stack.OtlpSink;
import app.flashcastr.bench.stack.ServiceJvm;
import app.flashcastr.bench.stack.Wrk;
import app.flashcastr.localinfra.Ports;
import app.flashcastr.simulators.feed.FeedSimulator;
import app.flashcastr.simulators.feed.FeedSimulatorSettings;
import app.flashcastr.simulators.feed.SimulatedFlash;
import app.flashcastr.simulators.ipfs.IpfsSimulator;
import app.flashcastr.simulators.ipfs.IpfsSimulatorSettings;

/**
 * What tracing costs: the consumer pipeline (0 ms, the default 8 x 64, N flashes) and the
 * API on traffic as {@code api-varied} sends it ({@code globalFlashes} pages and filters,
 * the load generator's mix; arguments in variables, whole-answer cache off) with every
 * trace sampled and exported over OTLP/HTTP to an in-bench sink, against the same runs
 * with {@code TRACING_SAMPLING_PROBABILITY=0} and no exporter. Modes alternate run by run
 * so a drifting machine load hits both alike. Goal: ≤ 5 % throughput difference.
 */
public final class ObservabilityCost implements Benchmark {

	private static final String NAME = "observability-cost";

	private static final Duration API_MEASURED = Duration.ofSeconds(10);

	/** Before each measured traffic: its own paths compiled. */
	private static final Duration API_WARM_UP = Duration.ofSeconds(3);

	/**
	 * A page of everyone's flashes, a city's or a player's; and the load generator's mix.
	 */
	private static final List<VariedTraffic.Traffic> API_TRAFFIC = List.of(VariedTraffic.Traffic.GLOBAL_FLASHES,
			VariedTraffic.Traffic.MIX);

	private static final Wrk API_WRK = new Wrk(2, 32);

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Duration timeLimit(BenchContext context) {
		// Per run and mode: the pipeline and an API JVM, whose warm-up alone may last 3
		// min.
		return Duration.ofMinutes(8).multipliedBy(2L * context.runsOr(2)).plusMinutes(3);
	}

	@Override
	public List<Figure> run(BenchContext context) throws Exception {
		int runs = context.runsOr(2);
		List<Figure> figures = new ArrayList<>();
		try (OtlpSink sink = new OtlpSink()) {
			Map<String, Map<String, String>> modes = new LinkedHashMap<>();
			modes.put("off", Map.of("TRACING_SAMPLING_PROBABILITY", "0"));
			modes.put("on", Map.of("TRACING_SAMPLING_PROBABILITY", "1.0", "TEMPO_HTTP_ENDPOINT", sink.endpoint()));
			pipeline(context, runs, modes, sink, figures);
			api(context, runs, modes, sink, figures);
		}
		return figures;
	}

	private void pipeline(BenchContext context, int runs, Map<String, Map<String, String>> modes, OtlpSink sink,
			List<Figure> figures) throws Exception {
		ConsumerPipeline.Setting setting = new ConsumerPipeline.Setting(Duration.ZERO, 8, 64, runs);
		Map<String, List<Double>> throughput = new LinkedHashMap<>();
		try (FeedSimulator feed = FeedSimulator.start(FeedSimulatorSettings.defaults());
				IpfsSimulator ipfs = IpfsSimulator.start(IpfsSimulatorSettings.defaults())) {
			List<SimulatedFlash> flashes = feed.emitFlashes(ConsumerPipeline.MAX_WARM_UP + context.flashes());
			for (int run = 1; run <= runs; run++) {
				for (String mode : order(modes, run)) {
					long spansBefore = sink.bytes();
					ConsumerPipeline.Result result = ConsumerPipeline.runOnce(context, feed, ipfs, flashes,
							context.flashes(), setting, run, modes.get(mode), null);
					double rate = result.items() / result.seconds();
					System.out.printf(Locale.ROOT,
							"[bench] %s pipeline tracing %s run %d: %,.0f flashes/s (%,d span bytes exported)%n", NAME,
							mode, run, rate, sink.bytes() - spansBefore);
					throughput.computeIfAbsent(mode, (key) -> new ArrayList<>()).add(rate);
				}
			}
		}
		addComparison(figures,
				"consumer pipeline, IPFS +0 ms, concurrency 8 x batch 64, N=%,d".formatted(context.flashes()),
				"flashes/s", throughput);
	}

	private void api(BenchContext context, int runs, Map<String, Map<String, String>> modes, OtlpSink sink,
			List<Figure> figures) throws Exception {
		if (!Wrk.available()) {
			context.note(NAME + ": API part skipped, wrk is not installed");
			return;
		}
		try (BenchDatabase database = BenchDatabase.create()) {
			Api.Seed seed = Api.seed(database);
			Map<VariedTraffic.Traffic, Path> scripts = new LinkedHashMap<>();
			for (VariedTraffic.Traffic traffic : API_TRAFFIC) {
				Path script = context.logDirectory().resolve(NAME + "-api-" + traffic.key() + ".lua");
				Files.writeString(script,
						Wrk.script(VariedTraffic.requestLua(seed, traffic, VariedTraffic.Form.VARIABLES), 0));
				scripts.put(traffic, script);
			}
			Map<VariedTraffic.Traffic, Map<String, List<Double>>> perTraffic = new LinkedHashMap<>();
			for (int run = 1; run <= runs; run++) {
				for (String mode : order(modes, run)) {
					int port = Ports.freePort();
					String label = NAME + "-api-tracing-" + mode + "-run" + run;
					String url = "http://127.0.0.1:" + port + "/graphql";
					// Every request executed, as issue 14's goals measure it: a cached
					// answer would make one span look like most of a request.
					Map<String, String> environment = new LinkedHashMap<>(modes.get(mode));
					environment.putAll(ApiVaried.Mode.OFF.environment());
					try (ServiceJvm api = Api.startApi(context, database, port, environment, label)) {
						warmUp(api, url, scripts.get(VariedTraffic.Traffic.MIX), label, context);
						for (VariedTraffic.Traffic traffic : API_TRAFFIC) {
							Path script = scripts.get(traffic);
							API_WRK.run(url, script, API_WARM_UP,
									context.logDirectory().resolve(label + "-" + traffic.key() + "-warmup.txt"));
							Wrk.Result result = API_WRK.run(url, script, API_MEASURED,
									context.logDirectory().resolve(label + "-" + traffic.key() + ".txt"));
							System.out.printf(Locale.ROOT,
									"[bench] %s api %s tracing %s run %d: %,.0f req/s, p99 %.2f ms, %d bad%n", NAME,
									traffic.key(), mode, run, result.requestsPerSecond(), result.p99(), result.bad());
							perTraffic.computeIfAbsent(traffic, (key) -> new LinkedHashMap<>())
								.computeIfAbsent(mode, (key) -> new ArrayList<>())
								.add(result.requestsPerSecond());
						}
					}
				}
			}
			for (VariedTraffic.Traffic traffic : API_TRAFFIC) {
				addComparison(figures,
						"API %s, arguments varying, whole-answer cache off, wrk -t2 -c32".formatted(traffic.label()),
						"req/s", perTraffic.get(traffic));
			}
		}
	}

	/**
	 * The mix until the API's JIT has settled, at least
	 * {@link JitSettling#LEAST_API_WARM_UP}, at most
	 * {@link JitSettling#LONGEST_API_WARM_UP} ({@link JitSettling#warmUp}).
	 */
	private static void warmUp(ServiceJvm api, String url, Path mix, String label, BenchContext context)
			throws Exception {
		JitSettling jit = JitSettling.warmUp(api, API_WRK, url, mix, JitSettling.LEAST_API_WARM_UP,
				JitSettling.LONGEST_API_WARM_UP, (extra) -> context.logDirectory()
					.resolve(label + ((extra == 0) ? "-warmup" : "-warmup-more" + extra) + ".txt"));
		if (!jit.wasSettled()) {
			context.note(
					label + ": measured with the JIT still compiling (%.0f %% of a core)".formatted(100 * jit.share()));
		}
	}

	/** Off first in odd runs, on first in even runs. */
	private static List<String> order(Map<String, Map<String, String>> modes, int run) {
		List<String> order = new ArrayList<>(modes.keySet());
		return (run % 2 == 1) ? order : order.reversed();
	}

	private static void addComparison(List<Figure> figures, String what, String unit,
			Map<String, List<Double>> throughput) {
		List<Double> off = throughput.get("off");
		List<Double> on = throughput.get("on");
		figures.add(new Figure(NAME, what + ", tracing off (sampling 0)", unit, off, ""));
		figures.add(new Figure(NAME, what + ", tracing 100 % exported over OTLP", unit, on, ""));
		Figure offFigure = new Figure(NAME, "", unit, off, "");
		Figure onFigure = new Figure(NAME, "", unit, on, "");
		double cost = (offFigure.median() - onFigure.median()) / offFigure.median() * 100;
		figures.add(new Figure(NAME, what + ": throughput lost to tracing (medians)", "%", List.of(cost), "≤ 5"));
	}

}
