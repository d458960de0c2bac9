package app.flashcastr.bench.scenario;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import app.flashcastr.bench.report.Figure;
import app.flashcastr.bench.stack.BenchDatabase;
import app.flashcastr.bench.stack.BenchVhost;
import app.flashcastr.bench.stack.Broker;
import app.flashcastr.bench.stack.Scrape;
import app.flashcastr.bench.stack.ServiceJvm;
import app.flashcastr.localinfra.ExtractedJar;
import app.flashcastr.localinfra.Ports;
import app.flashcastr.localinfra.ShippedJvm;
import app.flashcastr.simulators.feed.FeedSimulator;
import app.flashcastr.simulators.feed.FeedSimulatorSettings;
import app.flashcastr.simulators.feed.SimulatedFlash;
import app.flashcastr.simulators.ipfs.IpfsSimulator;
import app.flashcastr.simulators.ipfs.IpfsSimulatorSettings;

/**
 * Start-up of each service JVM (producer, consumer, API) under several JVM settings:
 * seconds from process start to {@code /actuator/health/readiness} 200, and the RSS once
 * it has warmed up on real work (the producer one sync of the simulated feed, relayed;
 * the consumer 200 flashes pinned; the API 1,000 GraphQL queries). The AOT variants run
 * the jar in extracted form ({@code -Djarmode=tools extract}) with a JDK 25 AOT cache
 * made by a training run ({@code -XX:AOTCacheOutput} with
 * {@code ShippedJvm.AOT_TRAINING}: the service starts, asks itself its first requests and
 * exits) with the same JVM options, as the images make it.
 */
public final class Startup implements Benchmark {

	private static final String NAME = "startup";

	private static final int CONSUMER_BATCH = 200;

	private static final int API_WARM_UP_QUERIES = 1_000;

	private static final Duration READY_LIMIT = Duration.ofSeconds(90);

	private static final List<String> SERVICES = List.of("producer", "consumer", "api");

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
		return Duration.ofMinutes(1)
			.multipliedBy((long) SERVICES.size() * variants(context).size() * (context.runsOr(3) + 1))
			.plusMinutes(2);
	}

	/**
	 * The JVM settings compared: the JVM's own default heap, a 256 MiB G1 heap (the
	 * earlier devstack's), and the shipped settings ({@link ShippedJvm#OPTIONS_BUT_HEAP})
	 * without and with an AOT cache (as the images run), and the latter once more without
	 * Spring AOT.
	 */
	static List<Variant> variants(BenchContext context) {
		List<Variant> variants = new ArrayList<>();
		if (!context.quick()) {
			variants.add(new Variant("default heap, exec jar", List.of(), false, false));
		}
		variants.add(new Variant("-Xmx256m, exec jar", List.of("-Xmx256m"), false, false));
		List<String> shipped = ShippedJvm.options(ShippedJvm.HEAP);
		variants.add(new Variant("shipped (-Xmx" + ShippedJvm.HEAP + " Serial, Spring AOT), extracted", shipped, false,
				true));
		variants.add(new Variant("shipped + AOT cache", shipped, true, true));
		// What Spring AOT saves, beside what ships.
		List<String> withoutSpringAot = shipped.stream()
			.filter((option) -> !option.equals(ShippedJvm.SPRING_AOT))
			.toList();
		variants.add(new Variant("shipped + AOT cache, Spring AOT off", withoutSpringAot, true, true));
		return variants;
	}

	@Override
	public List<Figure> run(BenchContext context) throws Exception {
		List<Figure> figures = new ArrayList<>();
		int runs = context.runsOr(3);
		Path java = Path.of(ServiceJvm.javaCommand());
		try (FeedSimulator feed = FeedSimulator.start(FeedSimulatorSettings.defaults());
				IpfsSimulator ipfs = IpfsSimulator.start(IpfsSimulatorSettings.defaults());
				BenchDatabase apiDatabase = BenchDatabase.create()) {
			List<SimulatedFlash> batch = feed.emitFlashes(CONSUMER_BATCH);
			Api.Seed apiSeed = Api.seed(apiDatabase);
			for (String service : SERVICES) {
				Path fatJar = context.serviceJar(service);
				Path extracted = ExtractedJar.runnable(fatJar, java, context.serviceJarsDirectory().resolve(service));
				for (Variant variant : variants(context)) {
					List<String> options = new ArrayList<>(variant.options());
					if (variant.aot()) {
						options.addAll(train(context, feed, ipfs, apiDatabase, service, extracted, variant));
					}
					List<Double> ready = new ArrayList<>();
					List<Double> rss = new ArrayList<>();
					List<Double> syncs = new ArrayList<>();
					List<Double> cpu = new ArrayList<>();
					for (int run = 1; run <= runs; run++) {
						String label = "startup-" + service + "-" + variant.slug() + "-run" + run;
						List<String> jvm = new ArrayList<>(options);
						jvm.addAll(context.jvmOptions(label, null));
						Launch launch = new Launch(label, variant.extracted() ? extracted : fatJar, jvm);
						double[] result = switch (service) {
							case "producer" -> producer(context, feed, launch);
							case "consumer" -> consumer(context, feed, ipfs, batch, launch);
							default -> api(context, apiDatabase, apiSeed, launch);
						};
						System.out.printf("[bench] %s %s (%s) run %d: ready in %.2f s (%.2f CPU s), RSS %.0f MiB%n",
								NAME, service, variant.label(), run, result[0], result[2], result[1]);
						ready.add(result[0]);
						rss.add(result[1]);
						cpu.add(result[2]);
						if (result.length > 3 && !Double.isNaN(result[3])) {
							syncs.add(result[3]);
						}
					}
					String work = switch (service) {
						case "producer" -> "one sync relayed";
						case "consumer" -> CONSUMER_BATCH + " flashes pinned";
						default -> "%,d queries".formatted(API_WARM_UP_QUERIES);
					};
					String goal = variant.aot() ? "≤ 2" : "≤ 4";
					figures.add(new Figure(NAME, service + " start → readiness 200, " + variant.label(), "s", ready,
							variant.options().isEmpty() ? "" : goal));
					figures.add(new Figure(NAME, service + " CPU until readiness 200 (all threads), " + variant.label(),
							"CPU s", cpu, ""));
					figures.add(new Figure(NAME, service + " RSS after readiness + " + work + ", " + variant.label(),
							"MiB", rss, "≤ 256"));
					if (!syncs.isEmpty()) {
						figures.add(new Figure(NAME,
								"producer first sync of the 300-flash feed (call, validation, store + outbox), "
										+ variant.label(),
								"s", syncs, ""));
					}
				}
			}
		}
		return figures;
	}

	/**
	 * The training run, or the cache it wrote for these options since the last build
	 * ({@link BenchContext#aotCache}): the service starts on a real database and broker
	 * and exits once its context is refreshed.
	 * @return the option that runs with the cache
	 */
	private List<String> train(BenchContext context, FeedSimulator feed, IpfsSimulator ipfs, BenchDatabase apiDatabase,
			String service, Path extracted, Variant variant) throws Exception {
		try (BenchDatabase database = BenchDatabase.create(); BenchVhost vhost = BenchVhost.create()) {
			try (Broker broker = Broker.connect(vhost)) {
				broker.declareTopology();
			}
			Map<String, String> environment = new HashMap<>(environment(service, database, vhost, feed, ipfs));
			if (service.equals("api")) {
				environment.put("DATABASE_URL", apiDatabase.serviceUrl());
			}
			long started = System.nanoTime();
			List<String> cache = context.aotCache(extracted, variant.options(), environment,
					"startup-" + service + "-" + variant.slug() + "-training.log");
			if (cache.isEmpty()) {
				throw new IllegalStateException("no AOT cache written by the training run of " + service);
			}
			System.out.printf("[bench] %s %s: AOT cache (%s) trained, or reused, in %.1f s%n", NAME, service,
					variant.label(), (System.nanoTime() - started) / 1e9);
			return cache;
		}
	}

	private static Map<String, String> environment(String service, BenchDatabase database, BenchVhost vhost,
			FeedSimulator feed, IpfsSimulator ipfs) {
		return switch (service) {
			case "producer" ->
				Map.of("DATABASE_URL", database.serviceUrl(), "RABBITMQ_URL", vhost.amqpUrl(), "FEED_API_URL",
						feed.baseUri().toString(), "SYNC_INTERVAL", "1h", "SYNC_OFF_PEAK_SKIP_PROBABILITY", "0");
			case "consumer" ->
				Map.of("DATABASE_URL", database.serviceUrl(), "RABBITMQ_URL", vhost.amqpUrl(), "FEED_API_URL",
						feed.baseUri().toString(), "IPFS_PROVIDER", "kubo", "KUBO_API_URL", ipfs.kuboUri().toString());
			default -> Map.of("DATABASE_URL", database.serviceUrl(), "NEYNAR_API_URL", "http://127.0.0.1:9");
		};
	}

	/**
	 * The producer syncs the simulated feed once at start-up and relays the
	 * announcements.
	 */
	private double[] producer(BenchContext context, FeedSimulator feed, Launch launch) throws Exception {
		try (BenchDatabase database = BenchDatabase.create(); BenchVhost vhost = BenchVhost.create()) {
			try (ServiceJvm producer = ServiceJvm.start(launch.label(), launch.jar(), launch.options(),
					environment("producer", database, vhost, feed, null), context.logDirectory());
					Connection connection = database.connect()) {
				double ready = producer.awaitReady(READY_LIMIT);
				double cpu = producer.cpuSeconds();
				// Flashes and their outbox entries commit together: stored flashes and an
				// empty outbox mean the sync is done and relayed.
				awaitTrue(producer, () -> database.count(connection, "SELECT count(*) FROM flashes") > 0
						&& database.count(connection, "SELECT count(*) FROM outbox") == 0, "producer sync");
				// The first sync of the 300-flash feed, as the producer timed it itself.
				double sync = Scrape.value(producer.port(), "invaders_bot_sync_duration_seconds_sum");
				return new double[] { ready, producer.rssBytes() / 1048576.0, cpu, sync };
			}
		}
	}

	/** The consumer takes a small backlog queued before it started. */
	private double[] consumer(BenchContext context, FeedSimulator feed, IpfsSimulator ipfs, List<SimulatedFlash> batch,
			Launch launch) throws Exception {
		try (BenchDatabase database = BenchDatabase.create(); BenchVhost vhost = BenchVhost.create()) {
			try (Connection connection = database.connect()) {
				FlashRows.insert(connection, batch);
			}
			try (Broker broker = Broker.connect(vhost)) {
				broker.declareTopology();
				broker.publish(FlashRows.announcements(batch, Instant.now()));
			}
			try (ServiceJvm consumer = ServiceJvm.start(launch.label(), launch.jar(), launch.options(),
					environment("consumer", database, vhost, feed, ipfs), context.logDirectory());
					Connection connection = database.connect()) {
				double ready = consumer.awaitReady(READY_LIMIT);
				double cpu = consumer.cpuSeconds();
				awaitTrue(consumer,
						() -> database.count(connection,
								"SELECT count(*) FROM flashes WHERE ipfs_cid IS NULL OR ipfs_cid = ''") == 0,
						"consumer batch");
				return new double[] { ready, consumer.rssBytes() / 1048576.0, cpu };
			}
		}
	}

	/** The API on the shared seeded database, warmed up by the four benchmark queries. */
	private double[] api(BenchContext context, BenchDatabase database, Api.Seed seed, Launch launch) throws Exception {
		int port = Ports.freePort();
		Map<String, String> environment = new LinkedHashMap<>(environment("api", database, null, null, null));
		environment.put("PORT", Integer.toString(port));
		try (ServiceJvm api = ServiceJvm.start(launch.label(), launch.jar(), launch.options(), environment,
				context.logDirectory())) {
			double ready = api.awaitReady(READY_LIMIT);
			double cpu = api.cpuSeconds();
			List<Api.Query> queries = Api.queries(seed);
			URI uri = URI.create("http://127.0.0.1:" + port + "/graphql");
			for (int i = 0; i < API_WARM_UP_QUERIES; i++) {
				String body = json.writeValueAsString(Map.of("query", queries.get(i % queries.size()).document()));
				HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri)
					.timeout(Duration.ofSeconds(10))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() != 200) {
					throw new IllegalStateException("API answered " + response.statusCode() + "; log: " + api.log());
				}
			}
			return new double[] { ready, api.rssBytes() / 1048576.0, cpu };
		}
	}

	private static void awaitTrue(ServiceJvm service, Condition condition, String what) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			service.ensureAlive();
			if (condition.met()) {
				return;
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException(what + " not done within 60 s; log: " + service.log());
	}

	@FunctionalInterface
	private interface Condition {

		boolean met() throws Exception;

	}

	/**
	 * JVM settings of one start-up figure.
	 *
	 * @param label as printed
	 * @param options JVM options (heap, GC)
	 * @param aot whether it runs with an AOT cache trained with the same options
	 * @param extracted whether it runs extracted ({@code application.jar} beside
	 * {@code lib/}, as the images and the devstack) rather than as the nested exec jar
	 */
	record Variant(String label, List<String> options, boolean aot, boolean extracted) {

		String slug() {
			return this.label.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-|-$)", "");
		}

	}

	private record Launch(String label, Path jar, List<String> options) {
	}

}
