package app.flashcastr.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import app.flashcastr.bench.report.BenchmarkLog;
import app.flashcastr.bench.report.Figure;
import app.flashcastr.bench.report.Machine;
import app.flashcastr.bench.report.ResultTable;
import app.flashcastr.bench.scenario.Api;
import app.flashcastr.bench.scenario.ApiVaried;
import app.flashcastr.bench.scenario.BenchContext;
import app.flashcastr.bench.scenario.Benchmark;
import app.flashcastr.bench.scenario.ConsumerPipeline;
import app.flashcastr.bench.scenario.ObservabilityCost;
import app.flashcastr.bench.scenario.Relay;
import app.flashcastr.bench.scenario.Soak;
import app.flashcastr.bench.scenario.Startup;
import app.flashcastr.bench.scenario.StorePath;
import app.flashcastr.localinfra.ShippedJvm;

/**
 * Runs the named benchmarks (default: all) one after the other, prints the table and
 * records it in {@code docs/benchmarks.md}. Run from the repository root (or pass
 * {@code -Dbench.root=...}).
 */
public final class Bench {

	private static final String USAGE = """
			usage: java -jar bench/target/bench-0.1.0-SNAPSHOT-exec.jar [options] [names...]
			  names:        %s (default: all, in that order)
			  --runs=N      runs per figure (default: 3 for the main figures, 1 for the consumer's knee search)
			  --flashes=N   flashes per consumer-pipeline run (default 20000)
			  --quick       only the main setting of each benchmark
			  --heap=SIZE   -Xmx of the service JVMs in consumer-pipeline, relay, api and api-varied (default 128m, as shipped, with the shipped JVM options)
			  --seconds=N   measured seconds per wrk run of api-varied (default 15; warm-ups scale with it)
			  --service-jvm-options="OPT …"  added after the shipped options of every service JVM (with -XX:NativeMemoryTracking=summary, api-varied writes an NMT summary after the load)
			  --jfr         record each service JVM with JFR into bench/target/bench-logs/
			  --no-record   print only; leave docs/benchmarks.md alone
			  soak          not in the default run: the stack under the load generator's mix, RSS and live heap each minute
			  --minutes=N   soak minutes per rate (default 30)
			  --rate-multiplier=M[,M…]  soak rates, times the load generator's defaults, one after the other (default 1,10)
			""";

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, Benchmark> available = new LinkedHashMap<>();
		for (Benchmark benchmark : List.of(new ConsumerPipeline(), new StorePath(), new Relay(), new Startup(),
				new Api(), new ApiVaried(), new ObservabilityCost())) {
			available.put(benchmark.name(), benchmark);
		}
		// Long: only when named, with its own options.
		boolean soak = false;
		int soakMinutes = 30;
		List<Double> rateMultipliers = List.of(1.0, 10.0);
		List<Benchmark> selected = new ArrayList<>();
		int runs = 0;
		int flashes = 20_000;
		boolean quick = false;
		boolean jfr = false;
		boolean record = true;
		String heap = ShippedJvm.HEAP;
		int seconds = 0;
		List<String> serviceJvmOptions = List.of();
		for (String arg : args) {
			if (arg.isBlank()) {
				continue;
			}
			if (arg.startsWith("--runs=")) {
				runs = Integer.parseInt(arg.substring(7));
			}
			else if (arg.startsWith("--flashes=")) {
				flashes = Integer.parseInt(arg.substring(10));
			}
			else if (arg.startsWith("--heap=")) {
				heap = arg.substring(7);
			}
			else if (arg.startsWith("--seconds=")) {
				seconds = Integer.parseInt(arg.substring(10));
			}
			else if (arg.startsWith("--service-jvm-options=")) {
				serviceJvmOptions = Arrays.stream(arg.substring(22).trim().split("\\s+"))
					.filter((option) -> !option.isEmpty())
					.toList();
			}
			else if (arg.startsWith("--minutes=")) {
				soakMinutes = Integer.parseInt(arg.substring(10));
			}
			else if (arg.startsWith("--rate-multiplier=")) {
				rateMultipliers = Arrays.stream(arg.substring(18).split(",")).map(Double::valueOf).toList();
			}
			else if (arg.equals("soak")) {
				soak = true;
			}
			else if (arg.equals("--quick")) {
				quick = true;
			}
			else if (arg.equals("--jfr")) {
				jfr = true;
			}
			else if (arg.equals("--no-record")) {
				record = false;
			}
			else if (available.containsKey(arg)) {
				selected.add(available.get(arg));
			}
			else {
				System.err.printf(USAGE, String.join(", ", available.keySet()));
				System.exit(arg.equals("--help") ? 0 : 2);
			}
		}
		if (soak) {
			selected.add(new Soak(soakMinutes, rateMultipliers));
		}
		if (selected.isEmpty()) {
			selected.addAll(available.values());
		}
		Path root = Path.of(System.getProperty("bench.root", "")).toAbsolutePath().normalize();
		Path logs = root.resolve("bench/target/bench-logs");
		Files.createDirectories(logs);
		BenchContext context = new BenchContext(root, logs, runs, flashes, quick, jfr, heap, seconds, serviceJvmOptions,
				List.of());
		Machine machine = Machine.current();
		System.out.printf("[bench] %s, JDK %s; service logs in %s%n", machine.describe(), machine.jdk(), logs);

		List<Figure> figures = new ArrayList<>();
		ExecutorService runner = Executors.newSingleThreadExecutor((task) -> new Thread(task, "bench-runner"));
		try {
			for (Benchmark benchmark : selected) {
				figures.addAll(runBounded(benchmark, context, runner));
			}
		}
		finally {
			runner.shutdownNow();
		}
		if (figures.isEmpty()) {
			context.notes().forEach((note) -> System.out.println("- " + note));
			System.out.println("[bench] no figures");
			System.exit(1);
		}
		String table = ResultTable.render(figures, machine);
		System.out.println();
		System.out.print(table);
		context.notes().forEach((note) -> System.out.println("- " + note));
		if (record) {
			String command = "java -jar bench/target/bench-0.1.0-SNAPSHOT-exec.jar " + String.join(" ", args);
			new BenchmarkLog(root.resolve("docs/benchmarks.md")).record(ZonedDateTime.now(), machine, command.trim(),
					table, context.notes());
			System.out.println("[bench] recorded in " + root.resolve("docs/benchmarks.md"));
		}
		// Simulator and HTTP client threads must not keep the JVM alive.
		System.exit(0);
	}

	/**
	 * Runs one benchmark on the runner thread with its hard time limit; a failure or a
	 * timeout becomes a note, and the other benchmarks still run.
	 */
	private static List<Figure> runBounded(Benchmark benchmark, BenchContext context, ExecutorService runner)
			throws InterruptedException {
		Duration limit = benchmark.timeLimit(context);
		System.out.printf("[bench] %s (limit %d min)%n", benchmark.name(), limit.toMinutes());
		long started = System.nanoTime();
		Future<List<Figure>> result = runner.submit(() -> benchmark.run(context));
		try {
			List<Figure> figures = result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
			System.out.printf("[bench] %s done in %.0f s%n", benchmark.name(), (System.nanoTime() - started) / 1e9);
			return figures;
		}
		catch (TimeoutException ex) {
			result.cancel(true);
			context.note(benchmark.name() + ": stopped at its time limit of " + limit.toMinutes() + " min, no figures");
		}
		catch (java.util.concurrent.ExecutionException ex) {
			context.note(benchmark.name() + " failed: " + ex.getCause());
			ex.getCause().printStackTrace();
		}
		return List.of();
	}

}
