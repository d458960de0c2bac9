package app.flashcastr.bench.scenario;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import app.flashcastr.bench.report.Figure;
import app.flashcastr.bench.stack.BenchDatabase;
import app.flashcastr.bench.stack.BenchVhost;
import app.flashcastr.bench.stack.Broker;
import app.flashcastr.bench.stack.CpuMeter;
import app.flashcastr.bench.stack.ServiceJvm;
import app.flashcastr.contracts.messaging.FlashTopology;
import app.flashcastr.simulators.feed.FeedSimulator;
import app.flashcastr.simulators.feed.FeedSimulatorSettings;
import app.flashcastr.simulators.feed.SimulatedFlash;
import app.flashcastr.simulators.ipfs.IpfsSimulator;
import app.flashcastr.simulators.ipfs.IpfsSimulatorSettings;

/**
 * The consumer end to end: W + N flashes stored without CID and as many
 * {@code flash.received} messages queued before the consumer JVM starts; the consumer
 * warms up until its JIT has settled (at least {@link #MIN_WARM_UP} flashes, at most W =
 * {@link #MAX_WARM_UP}), then the time of the next N flashes gives the steady-state rate.
 * Images come from the in-process feed simulator, pins from the in-process Kubo simulator
 * (with 0 or 50 ms added latency).
 */
public final class ConsumerPipeline implements Benchmark {

	private static final String NAME = "consumer-pipeline";

	private static final Duration RUN_LIMIT = Duration.ofMinutes(4);

	/** Flashes done before timing may start: C1 and C2 on the per-flash code. */
	static final int MIN_WARM_UP = 30_000;

	/**
	 * Flashes done before timing starts at the latest, the JIT settled or not (then said
	 * in a note): the per-batch code reaches C2 after ~80,000 here.
	 */
	static final int MAX_WARM_UP = 120_000;

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Duration timeLimit(BenchContext context) {
		return RUN_LIMIT.multipliedBy(settings(context).stream().mapToInt(Setting::runs).sum())
			.plus(ServiceJvm.QUIET)
			.plusMinutes(1);
	}

	/**
	 * The two main settings (0 ms and 50 ms, N flashes each) get the runs; the knee
	 * search gets one each.
	 */
	private static List<Setting> settings(BenchContext context) {
		List<Setting> settings = new ArrayList<>();
		settings.add(new Setting(Duration.ZERO, 8, 64, context.runsOr(3)));
		settings.add(new Setting(Duration.ofMillis(50), 8, 64, context.runsOr(3)));
		if (context.quick()) {
			return settings;
		}
		int each = context.runsOr(1);
		settings.add(new Setting(Duration.ZERO, 4, 64, each));
		settings.add(new Setting(Duration.ZERO, 8, 32, each));
		settings.add(new Setting(Duration.ZERO, 16, 64, each));
		settings.add(new Setting(Duration.ZERO, 8, 128, each));
		settings.add(new Setting(Duration.ofMillis(50), 4, 64, each));
		settings.add(new Setting(Duration.ofMillis(50), 16, 64, each));
		return settings;
	}

	@Override
	public List<Figure> run(BenchContext context) throws Exception {
		List<Figure> figures = new ArrayList<>();
		try (FeedSimulator feed = FeedSimulator.start(FeedSimulatorSettings.defaults());
				IpfsSimulator ipfs = IpfsSimulator.start(IpfsSimulatorSettings.defaults())) {
			// One set of flashes for every run: each run has its own database and vhost.
			List<SimulatedFlash> flashes = feed.emitFlashes(MAX_WARM_UP + context.flashes());
			for (Setting setting : settings(context)) {
				int n = setting.flashes(context.flashes());
				List<Double> throughput = new ArrayList<>();
				List<Double> young = new ArrayList<>();
				List<Double> rss = new ArrayList<>();
				for (int run = 1; run <= setting.runs(); run++) {
					if (setting.latency().isZero()) {
						ipfs.kuboFaults().reset();
					}
					else {
						ipfs.kuboFaults().latency(setting.latency());
					}
					// The service's own scrape cost, once, after the main setting's first
					// run (20,000 flashes through every meter).
					boolean scrape = run == 1 && setting.equals(settings(context).get(0));
					Result result = runOnce(context, feed, ipfs, flashes.subList(0, MAX_WARM_UP + n), n, setting, run,
							Map.of(), scrape ? figures : null);
					System.out.printf(
							"[bench] %s %s run %d: %,d flashes in %.2f s = %,.0f flashes/s after %,d of warm-up"
									+ " (young JVM, from %,d: %,.0f flashes/s), RSS %d MiB%n",
							NAME, setting.label(), run, result.items(), result.seconds(),
							result.items() / result.seconds(), result.warmedUp(), MIN_WARM_UP, result.youngRate(),
							result.rssBytes() >> 20);
					throughput.add(result.items() / result.seconds());
					young.add(result.youngRate());
					rss.add(result.rssBytes() / 1048576.0);
				}
				ipfs.kuboFaults().reset();
				String goal = setting.latency().isZero() ? "≥ 3,500"
						: "≈ " + Math.round(setting.inFlight() / (setting.latency().toMillis() / 1000.0));
				figures.add(new Figure(NAME, "throughput, " + setting.describe(n), "flashes/s", throughput, goal));
				List<Double> youngSeen = young.stream().filter((rate) -> !rate.isNaN()).toList();
				if (!youngSeen.isEmpty()) {
					figures.add(new Figure(NAME,
							"throughput of a young JVM (JIT compiling), flashes %,d to %,d, ".formatted(MIN_WARM_UP,
									MIN_WARM_UP + n) + setting.describe(n).replaceAll(", N=.*", ""),
							"flashes/s", youngSeen, ""));
				}
				figures.add(new Figure(NAME, "consumer RSS after the run, " + setting.describe(n), "MiB", rss, ""));
			}
		}
		return figures;
	}

	/**
	 * One measured drain: flashes untimed until the consumer's JIT has settled, then
	 * {@code timed} of them.
	 * @param flashes at least {@link #MAX_WARM_UP} more than {@code timed}
	 * @param extraEnvironment added to the consumer's variables (tracing settings)
	 * @param scrapeFigures where to add the scrape figures after the drain, or null
	 */
	static Result runOnce(BenchContext context, FeedSimulator feed, IpfsSimulator ipfs, List<SimulatedFlash> flashes,
			int timed, Setting setting, int run, Map<String, String> extraEnvironment, List<Figure> scrapeFigures)
			throws Exception {
		try (BenchDatabase database = BenchDatabase.create(); BenchVhost vhost = BenchVhost.create()) {
			try (Connection connection = database.connect()) {
				FlashRows.insert(connection, flashes);
			}
			try (Broker broker = Broker.connect(vhost)) {
				broker.declareTopology();
				broker.publish(FlashRows.announcements(flashes, Instant.now()));
			}
			Map<String, String> environment = new HashMap<>(Map.of("DATABASE_URL", database.serviceUrl(),
					"RABBITMQ_URL", vhost.amqpUrl(), "FEED_API_URL", feed.baseUri().toString(), "IPFS_PROVIDER", "kubo",
					"KUBO_API_URL", ipfs.kuboUri().toString(), "CONSUMER_CONCURRENCY",
					Integer.toString(setting.concurrency()), "INTAKE_BATCH_SIZE", Integer.toString(setting.batchSize()),
					"CONSUMER_PREFETCH", Integer.toString(setting.prefetch())));
			environment.putAll(extraEnvironment);
			String label = "consumer-pipeline-" + setting.label() + "-run" + run
					+ (extraEnvironment.isEmpty() ? "" : "-" + extraEnvironment.hashCode());
			try (ServiceJvm consumer = context.startService("consumer", label,
					context.jvmOptions(label, context.serviceHeap()), environment);
					Connection connection = database.connect()) {
				CpuMeter cpu = CpuMeter.forStack("consumer", consumer.pid());
				// Progress from the consumer's own "processed" counter (counted right
				// after each commit): counting rows without a CID is a scan of the table
				// (no index reads ipfs_cid, so CID updates stay HOT), 8 ms of PostgreSQL
				// every poll, so that count only confirms the end.
				JitSettling jit = new JitSettling(consumer);
				YoungWindow young = new YoungWindow(MIN_WARM_UP, MIN_WARM_UP + timed);
				// Work left: flashes neither pinned nor dead-lettered (a dead letter
				// also ends a flash's work; they are noted below).
				Callable<Long> progress = () -> {
					long done = (long) (consumer.counter("invaders_consumer_flashes_processed")
							+ consumer.counter("invaders_consumer_dead_lettered"));
					young.saw(done, consumer.secondsSinceStart());
					return flashes.size() - done;
				};
				Callable<Long> exact = () -> Drain.count(connection,
						"SELECT count(*) FROM flashes WHERE ipfs_cid IS NULL OR ipfs_cid = ''")
						- (long) consumer.counter("invaders_consumer_dead_lettered");
				Callable<String> diagnostics = () -> "dead letters: " + vhost.messages(FlashTopology.DEAD_LETTER_QUEUE)
						+ ", log: " + consumer.log();
				Drain drain = Drain.await(consumer, progress, exact, flashes.size(), (done) -> {
					boolean settled = jit.settled();
					return done >= MIN_WARM_UP && (settled || done >= MAX_WARM_UP);
				}, timed, RUN_LIMIT.minusSeconds(30), cpu, diagnostics);
				if (!(jit.share() <= JitSettling.SETTLED_SHARE)) {
					context.note(NAME + " " + setting.label() + " run " + run
							+ ": timed after %,d flashes ".formatted(drain.warmedUp())
							+ "with the JIT still compiling (%.0f %% of a core)".formatted(100 * jit.share()));
				}
				if (drain.startedBeforeReady()) {
					context.note(NAME + " " + setting.label() + " run " + run
							+ ": pins began before readiness; timed from the first pin");
				}
				if (run == 1 && extraEnvironment.isEmpty()) {
					context.note(NAME + " " + setting.label() + " run 1, CPU seconds during the "
							+ "%.1f s: ".formatted(drain.seconds()) + CpuShares.describe(cpu.secondsSinceStart()));
				}
				long rss = consumer.rssBytes();
				if (scrapeFigures != null) {
					// The rest of the backlog first (untimed): scrapes must not share the
					// cores with pinning.
					Drain.await(consumer, progress, exact, flashes.size(), null, 0, RUN_LIMIT.minusSeconds(30),
							CpuMeter.forStack("consumer", consumer.pid()), diagnostics);
					ScrapeFigures.add(scrapeFigures, NAME, "consumer", "after " + flashes.size() + " flashes",
							consumer.port());
					scrapeFigures.add(new Figure(NAME,
							"consumer RSS %d s after the backlog drained (quiet), %s"
								.formatted(ServiceJvm.QUIET.toSeconds(), setting.describe(timed)),
							"MiB", List.of(consumer.rssBytesAfterQuiet(ServiceJvm.QUIET) / 1048576.0), "≤ 256"));
				}
				long deadLettered = (long) consumer.counter("invaders_consumer_dead_lettered");
				if (deadLettered > 0) {
					context.note(NAME + " " + setting.label() + " run " + run
							+ ": %,d flashes dead-lettered (reasons in ".formatted(deadLettered) + consumer.log()
							+ ")");
				}
				return new Result(drain.seconds(), drain.items(), drain.warmedUp(), young.rate(), rss);
			}
		}
	}

	/**
	 * One configuration of the consumer and the IPFS simulator.
	 *
	 * @param latency added to every Kubo answer
	 * @param concurrency {@code CONSUMER_CONCURRENCY}: batches worked at once
	 * @param batchSize {@code INTAKE_BATCH_SIZE}: flashes per batch (prefetch is twice
	 * that)
	 * @param runs how many times it is measured
	 */
	record Setting(Duration latency, int concurrency, int batchSize, int runs) {

		int prefetch() {
			return 2 * this.batchSize;
		}

		/** Flashes worked at once at most: the ceiling at a given latency. */
		int inFlight() {
			return this.concurrency * this.batchSize;
		}

		/**
		 * Flashes per run: all of them at 0 ms; with latency, about 20 s worth at the
		 * ideal rate (in flight / latency), so slow settings stay bounded.
		 */
		int flashes(int requested) {
			if (this.latency.isZero()) {
				return requested;
			}
			double ideal = inFlight() / (this.latency.toMillis() / 1000.0);
			return (int) Math.min(requested, Math.max(2000, ideal * 20));
		}

		String label() {
			return "ipfs" + this.latency.toMillis() + "ms-c" + this.concurrency + "-b" + this.batchSize;
		}

		String describe(int flashes) {
			return "IPFS +%d ms, concurrency %d x batch %d (prefetch %d), N=%,d once the JIT settled"
				.formatted(this.latency.toMillis(), this.concurrency, this.batchSize, prefetch(), flashes);
		}

	}

	/**
	 * @param youngRate flashes per second from {@link #MIN_WARM_UP} on, while the JIT was
	 * still compiling (NaN when not seen)
	 */
	record Result(double seconds, long items, long warmedUp, double youngRate, long rssBytes) {
	}

	/**
	 * The rate of a young JVM, from the same progress polls: between the first poll at or
	 * past {@code from} flashes and the first at or past {@code to}.
	 */
	private static final class YoungWindow {

		private final long from;

		private final long to;

		private double startedAt = Double.NaN;

		private long startDone;

		private double rate = Double.NaN;

		YoungWindow(long from, long to) {
			this.from = from;
			this.to = to;
		}

		void saw(long done, double now) {
			if (Double.isNaN(this.startedAt) && done >= this.from) {
				this.startedAt = now;
				this.startDone = done;
			}
			else if (Double.isNaN(this.rate) && done >= this.to && now > this.startedAt) {
				this.rate = (done - this.startDone) / (now - this.startedAt);
			}
		}

		double rate() {
			return this.rate;
		}

	}

}
