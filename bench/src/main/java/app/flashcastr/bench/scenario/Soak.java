package app.flashcastr.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import app.flashcastr.bench.report.Figure;
import app.flashcastr.bench.stack.BenchDatabase;
import app.flashcastr.bench.stack.BenchVhost;
import app.flashcastr.bench.stack.ServiceJvm;
import app.flashcastr.localinfra.Ports;
import app.flashcastr.simulators.feed.FeedSimulator;
import app.flashcastr.simulators.feed.FeedSimulatorSettings;
import app.flashcastr.simulators.ipfs.IpfsSimulator;
import app.flashcastr.simulators.ipfs.IpfsSimulatorSettings;
import app.flashcastr.simulators.load.LoadCounters;
import app.flashcastr.simulators.load.LoadGenerator;
import app.flashcastr.simulators.load.LoadGeneratorSettings;
import app.flashcastr.simulators.neynar.NeynarSimulator;
import app.flashcastr.simulators.neynar.NeynarSimulatorSettings;

/**
 * Issue 16's soak: the three services as the devstack wires them (one database, one
 * vhost, simulated feed, Kubo and Neynar) with the shipped JVM settings, under the load
 * generator's mix at its default rates (5 queries/s, 30 new flashes/min, 6 signups/h)
 * times each multiplier in turn, in the same JVMs. Every minute it prints each service's
 * RSS and live heap (heap used right after a full GC, {@code jcmd GC.run}); at the end an
 * NMT summary per service goes to the log directory. Memory that does not grow shows as
 * flat columns. Not part of the default run (it takes minutes × multipliers).
 */
public final class Soak implements Benchmark {

	static final String NAME = "soak";

	private static final Duration READY_LIMIT = Duration.ofMinutes(3);

	private static final List<String> SERVICES = List.of("producer", "consumer", "api");

	private final int minutes;

	private final List<Double> multipliers;

	/**
	 * @param minutes minutes per rate
	 * @param multipliers rate multipliers run one after the other, e.g. 1 and 10
	 */
	public Soak(int minutes, List<Double> multipliers) {
		if (minutes < 1 || multipliers.isEmpty()) {
			throw new IllegalArgumentException("soak needs --minutes ≥ 1 and a rate multiplier");
		}
		this.minutes = minutes;
		this.multipliers = List.copyOf(multipliers);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Duration timeLimit(BenchContext context) {
		return Duration.ofMinutes((long) this.minutes * this.multipliers.size() + 10);
	}

	@Override
	public List<Figure> run(BenchContext context) throws Exception {
		List<Figure> figures = new ArrayList<>();
		String heap = context.serviceHeap();
		String signerKey = HexFormat.of().formatHex(new SecureRandom().generateSeed(32));
		try (FeedSimulator feed = FeedSimulator.start(FeedSimulatorSettings.defaults());
				IpfsSimulator ipfs = IpfsSimulator.start(IpfsSimulatorSettings.defaults());
				NeynarSimulator neynar = NeynarSimulator.start(NeynarSimulatorSettings.defaults());
				BenchDatabase database = BenchDatabase.create();
				BenchVhost vhost = BenchVhost.create()) {
			Map<String, String> common = Map.of("DATABASE_URL", database.serviceUrl(), "RABBITMQ_URL", vhost.amqpUrl(),
					"NEYNAR_API_URL", neynar.baseUri().toString(), "NEYNAR_API_KEY", "simulated-neynar-key",
					"SIGNER_ENCRYPTION_KEY", signerKey);
			int graphqlPort = Ports.freePort();
			Map<String, Map<String, String>> environments = new LinkedHashMap<>();
			environments.put("producer", with(common, "FEED_API_URL", feed.baseUri().toString(), "SYNC_INTERVAL",
					"PT1M", "SYNC_OFF_PEAK_SKIP_PROBABILITY", "0", "CAST_RETRY_INTERVAL", "15s"));
			environments.put("consumer", with(common, "FEED_API_URL", feed.baseUri().toString(), "IPFS_PROVIDER",
					"kubo", "KUBO_API_URL", ipfs.kuboUri().toString()));
			environments.put("api", with(common, "PORT", Integer.toString(graphqlPort), "FARCASTER_DEVELOPER_MNEMONIC",
					"test test test test test test test test test test test junk", "API_KEY", "soak-api-key"));
			List<ServiceJvm> services = new ArrayList<>();
			try {
				for (String service : SERVICES) {
					List<String> options = new ArrayList<>(context.jvmOptions(NAME + "-" + service, heap));
					options.add("-XX:NativeMemoryTracking=summary");
					services
						.add(context.startService(service, NAME + "-" + service, options, environments.get(service)));
				}
				for (ServiceJvm service : services) {
					service.awaitReady(READY_LIMIT);
				}
				URI api = URI.create("http://127.0.0.1:" + graphqlPort + "/graphql");
				for (double multiplier : this.multipliers) {
					soak(context, figures, services, feed, api, multiplier, heap);
				}
				for (int i = 0; i < services.size(); i++) {
					Path nmt = context.logDirectory().resolve(NAME + "-" + SERVICES.get(i) + "-nmt.txt");
					Files.writeString(nmt, jcmd(services.get(i), "VM.native_memory", "summary"));
					context.note("soak: NMT summary of the " + SERVICES.get(i) + " at the end in " + nmt);
				}
			}
			finally {
				services.forEach(ServiceJvm::close);
			}
		}
		return figures;
	}

	private void soak(BenchContext context, List<Figure> figures, List<ServiceJvm> services, FeedSimulator feed,
			URI api, double multiplier, String heap) throws Exception {
		LoadGeneratorSettings settings = LoadGeneratorSettings.defaults()
			.withApiUrl(api)
			.withQueriesPerSecond(5 * multiplier)
			.withFeed(feed.baseUri(), 30 * multiplier)
			.withSignupsPerHour(6 * multiplier);
		List<List<Double>> rss = new ArrayList<>();
		List<List<Double>> live = new ArrayList<>();
		for (int i = 0; i < services.size(); i++) {
			rss.add(new ArrayList<>());
			live.add(new ArrayList<>());
		}
		String rate = "%s× (%.0f queries/s, %.0f flashes/min, %.0f signups/h)".formatted(format(multiplier),
				settings.queriesPerSecond(), settings.flashesPerMinute(), settings.signupsPerHour());
		System.out.printf("[bench] %s %s for %d min, -Xmx%s + shipped options%n", NAME, rate, this.minutes, heap);
		LoadCounters counters;
		try (LoadGenerator load = LoadGenerator.start(settings)) {
			long started = System.nanoTime();
			for (int minute = 1; minute <= this.minutes; minute++) {
				long due = started + TimeUnit.MINUTES.toNanos(minute);
				Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
				StringBuilder line = new StringBuilder();
				for (int i = 0; i < services.size(); i++) {
					ServiceJvm service = services.get(i);
					service.ensureAlive();
					double liveHeap = liveHeapMiB(service);
					double rssMiB = service.rssBytes() / 1048576.0;
					rss.get(i).add(rssMiB);
					live.get(i).add(liveHeap);
					line.append(" | %s RSS %.0f MiB, live heap %.1f MiB".formatted(SERVICES.get(i), rssMiB, liveHeap));
				}
				LoadCounters now = load.counters();
				System.out.printf("[bench] %s %s× minute %d%s | queries %,d (failed %,d, dropped %,d), flashes %,d%n",
						NAME, format(multiplier), minute, line, now.totalQueries(), now.queryFailures(),
						now.queriesDropped(), now.flashesEmitted());
			}
			counters = load.counters();
		}
		context.note("soak %s×: %s".formatted(format(multiplier), counters.describe()));
		for (int i = 0; i < services.size(); i++) {
			String service = SERVICES.get(i);
			List<Double> rssSeries = rss.get(i);
			List<Double> liveSeries = live.get(i);
			figures.add(new Figure(NAME, "%s RSS at the end of %d min at %s".formatted(service, this.minutes, rate),
					"MiB", List.of(rssSeries.getLast()), "≤ 256"));
			figures.add(new Figure(NAME,
					"%s RSS growth, minute 2 → %d, at %s× (flat: no leak)".formatted(service, this.minutes,
							format(multiplier)),
					"MiB", List.of(rssSeries.getLast() - rssSeries.get(Math.min(1, rssSeries.size() - 1))), ""));
			figures.add(new Figure(NAME,
					"%s live heap after full GC, growth minute 2 → %d, at %s× (flat: no leak)".formatted(service,
							this.minutes, format(multiplier)),
					"MiB", List.of(liveSeries.getLast() - liveSeries.get(Math.min(1, liveSeries.size() - 1))), ""));
		}
	}

	/** Heap used right after a full GC: what the service really keeps. */
	private static double liveHeapMiB(ServiceJvm service) throws IOException, InterruptedException {
		jcmd(service, "GC.run");
		return service.counter("jvm.memory.used?tag=area:heap") / 1048576.0;
	}

	static String jcmd(ServiceJvm service, String... command) throws IOException, InterruptedException {
		Path java = Path.of(ServiceJvm.javaCommand());
		List<String> line = new ArrayList<>();
		line.add(java.resolveSibling("jcmd").toString());
		line.add(Long.toString(service.pid()));
		line.addAll(List.of(command));
		Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IOException("jcmd " + String.join(" ", command) + " did not finish");
		}
		return output;
	}

	private static Map<String, String> with(Map<String, String> common, String... pairs) {
		Map<String, String> environment = new LinkedHashMap<>(common);
		for (int i = 0; i < pairs.length; i += 2) {
			environment.put(pairs[i], pairs[i + 1]);
		}
		return environment;
	}

	private static String format(double multiplier) {
		return (multiplier == Math.rint(multiplier)) ? Long.toString((long) multiplier) : Double.toString(multiplier);
	}

}
