package app.flashcastr.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import app.flashcastr.bench.stack.ServiceJvm;
import app.flashcastr.localinfra.Ports;
import app.flashcastr.simulators.feed.FeedSimulator;
import app.flashcastr.simulators.feed.FeedSimulatorSettings;
import app.flashcastr.simulators.ipfs.IpfsSimulator;
import app.flashcastr.simulators.ipfs.IpfsSimulatorSettings;
import app.flashcastr.simulators.neynar.NeynarSimulator;
import app.flashcastr.simulators.neynar.NeynarSimulatorSettings;
import app.flashcastr.testinfra.IsolatedDatabase;
import app.flashcastr.testinfra.IsolatedVhost;
import app.flashcastr.testinfra.Prerequisites;
import app.flashcastr.testinfra.ServiceJvmsUnderTest;
import app.flashcastr.testinfra.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stack against the real services: the three service JVMs (own database and vhost,
 * free ports), the simulators, Debian's Prometheus with the project's scrape config
 * (rendered by prometheus/entrypoint.sh to those ports) and rules, postgres_exporter, and
 * Alertmanager with the project's config whose Discord webhook points at a local
 * receiver.
 *
 * <p>
 * To stay within a few minutes the test shortens time on its rendered copies only: scrape
 * and evaluation interval 15 s → 2 s, every alert's {@code for:} → 6 s, Alertmanager's
 * group_wait/group_interval → 1 s / 2 s. The committed files keep the real values.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveStackTests {

	/**
	 * Metrics that are legitimately absent here; an expression reading one may return
	 * nothing. Error totals are not listed: the services register every counter at 0, so
	 * they return series in a healthy system too.
	 */
	static final Map<String, String> MAY_BE_EMPTY = Map.of("traces_spanmetrics_calls_total",
			"trace-derived: Tempo's metrics-generator is not part of this run (no Tempo binary here)",
			"traces_spanmetrics_latency_bucket", "trace-derived: as above", "traces_service_graph_request_total",
			"trace-derived: as above", "invaders_bot_memory_limit_bytes",
			"exported only under a cgroup memory limit (containers); the services run unlimited here, so the rule's "
					+ "512 MiB fallback applies",
			"invaders_consumer_memory_limit_bytes", "cgroup limit: as above", "flashcastr_api_memory_limit_bytes",
			"cgroup limit: as above", "erlang_vm_dist_node_state",
			"a single RabbitMQ node has no distribution peers (BrokerFaultTests and docs/cluster.md cover the cluster)");

	private static final Duration READY = Duration.ofSeconds(150);

	/** The local broker's {@code rabbitmq_prometheus} plugin, which the stack scrapes. */
	private static final String RABBITMQ_PROMETHEUS = "http://127.0.0.1:15692";

	private final Path work = Path.of("target", "live-stack").toAbsolutePath();

	private final List<AutoCloseable> resources = new ArrayList<>();

	private FeedSimulator feed;

	private IpfsSimulator ipfs;

	private ServiceJvm consumer;

	private String prometheus;

	private String alertmanager;

	private String graphql;

	private DiscordReceiver discord;

	/**
	 * What this machine lacks for the run, as one line naming what to run; {@code null}
	 * when it has everything. Reported by each test (a skip, or a failure under CI), so
	 * the summary counts them.
	 */
	private String missing;

	@BeforeAll
	void startStack() throws Exception {
		Optional<String> prometheusBin = Tools.find(Tools.PROMETHEUS);
		Optional<String> alertmanagerBin = Tools.find(Tools.ALERTMANAGER);
		Optional<String> exporterBin = Tools.find(Tools.POSTGRES_EXPORTER);
		if (prometheusBin.isEmpty() || alertmanagerBin.isEmpty() || exporterBin.isEmpty()) {
			this.missing = "prometheus, prometheus-alertmanager or prometheus-postgres-exporter not found: apt-get"
					+ " install prometheus prometheus-alertmanager prometheus-postgres-exporter";
			return;
		}
		if (HttpJson.status(RABBITMQ_PROMETHEUS + "/metrics") != 200) {
			this.missing = "RabbitMQ's Prometheus endpoint " + RABBITMQ_PROMETHEUS
					+ " does not answer: rabbitmq-plugins enable rabbitmq_prometheus";
			return;
		}
		start(prometheusBin.get(), alertmanagerBin.get(), exporterBin.get());
	}

	@BeforeEach
	void requirePrerequisites() {
		Prerequisites.require(this.missing == null, this.missing);
	}

	private void start(String prometheusBin, String alertmanagerBin, String exporterBin) throws Exception {
		Files.createDirectories(this.work);
		Path logs = this.work.resolve("logs");
		IsolatedDatabase database = TestInfrastructure.newDatabase();
		IsolatedVhost vhost = TestInfrastructure.newVhost();
		this.resources.add(() -> TestInfrastructure.release(database));
		this.resources.add(() -> TestInfrastructure.release(vhost));

		// The outside world, in-process, on free ports. New flashes keep coming.
		this.feed = FeedSimulator.start(FeedSimulatorSettings.defaults().withNewFlashesPerMinute(30));
		this.ipfs = IpfsSimulator.start(IpfsSimulatorSettings.defaults());
		NeynarSimulator neynar = NeynarSimulator.start(NeynarSimulatorSettings.defaults());
		this.resources.add(this.feed);
		this.resources.add(this.ipfs);
		this.resources.add(neynar);

		Map<String, String> common = Map.of("DATABASE_URL", database.postgresUrl(), "RABBITMQ_URL", vhost.amqpUrl());
		List<String> jvm = ServiceJvmsUnderTest.OPTIONS;
		Map<String, String> producerEnv = new LinkedHashMap<>(common);
		producerEnv.putAll(Map.of("FEED_API_URL", this.feed.baseUri().toString(), "SYNC_INTERVAL", "PT5S",
				"SYNC_OFF_PEAK_SKIP_PROBABILITY", "0"));
		Map<String, String> consumerEnv = new LinkedHashMap<>(common);
		consumerEnv.putAll(Map.of("FEED_API_URL", this.feed.baseUri().toString(), "IPFS_PROVIDER", "kubo",
				"KUBO_API_URL", this.ipfs.kuboUri().toString()));
		int graphqlPort = Ports.freePort();
		Map<String, String> apiEnv = new LinkedHashMap<>(common);
		apiEnv.putAll(Map.of("PORT", Integer.toString(graphqlPort), "NEYNAR_API_URL", neynar.baseUri().toString(),
				"NEYNAR_API_KEY", neynar.apiKey()));
		ServiceJvm producer = service("producer", jvm, producerEnv, logs);
		this.consumer = service("consumer", jvm, consumerEnv, logs);
		ServiceJvm api = service("api", jvm, apiEnv, logs);
		this.graphql = "http://127.0.0.1:" + graphqlPort + "/graphql";

		int exporterPort = Ports.freePort();
		this.resources.add(ExternalProcess.start("postgres-exporter",
				List.of(exporterBin, "--web.listen-address=127.0.0.1:" + exporterPort),
				Map.of("DATA_SOURCE_NAME", database.postgresUrl() + "?sslmode=disable"), logs));

		// Alertmanager from the project's file, the webhook pointed at the local
		// receiver.
		this.discord = new DiscordReceiver();
		this.resources.add(this.discord);
		Path amConfig = Tools.renderAlertmanager(this.work.resolve("alertmanager/alertmanager.yml"),
				this.discord.webhookUrl());
		Files.writeString(amConfig,
				Files.readString(amConfig)
					.replaceAll("group_wait: \\w+", "group_wait: 1s")
					.replaceAll("group_interval: \\w+", "group_interval: 2s"));
		int amPort = Ports.freePort();
		this.alertmanager = "http://127.0.0.1:" + amPort;
		ExternalProcess am = ExternalProcess.start("alertmanager",
				List.of(alertmanagerBin, "--config.file=" + amConfig,
						"--storage.path=" + Files.createTempDirectory(this.work, "am-data"),
						"--web.listen-address=127.0.0.1:" + amPort,
						// No gossip port: several runs share this machine.
						"--cluster.listen-address="),
				Map.of(), logs);
		this.resources.add(am);

		// Prometheus from the project's template (rendered by its own entrypoint) and
		// rules.
		int promPort = Ports.freePort();
		this.prometheus = "http://127.0.0.1:" + promPort;
		Path promDir = this.work.resolve("prometheus");
		Map<String, String> targets = new LinkedHashMap<>();
		targets.put("INVADERS_BOT_TARGET", "127.0.0.1:" + producer.port());
		targets.put("INVADERS_CONSUMER_TARGET", "127.0.0.1:" + this.consumer.port());
		targets.put("FLASHCASTR_API_TARGET", "127.0.0.1:" + api.port());
		targets.put("RABBITMQ_PROMETHEUS_TARGET", RABBITMQ_PROMETHEUS.substring("http://".length()));
		targets.put("RABBITMQ_VHOST", vhost.name());
		targets.put("POSTGRES_EXPORTER_TARGET", "127.0.0.1:" + exporterPort);
		targets.put("ALERTMANAGER_TARGET", "127.0.0.1:" + amPort);
		targets.put("PROMETHEUS_SELF_TARGET", "127.0.0.1:" + promPort);
		targets.put("FLASHCASTR_ENVIRONMENT", "stack-test");
		// The services are found as the devstack's replicas are: file discovery, one file
		// per job, the instance label from the file.
		Path targetFiles = promDir.resolve("targets");
		Files.createDirectories(targetFiles);
		writeTargets(targetFiles, "invaders-bot", "producer-1", producer.port());
		writeTargets(targetFiles, "invaders-consumer", "consumer-1", this.consumer.port());
		writeTargets(targetFiles, "flashcastr-api", "api-1", api.port());
		targets.put("SCRAPE_DISCOVERY", "file");
		targets.put("SCRAPE_TARGETS_DIR", targetFiles.toString());
		Path promConfig = Tools.renderPrometheus(promDir, targets);
		Files.writeString(promConfig,
				Files.readString(promConfig)
					.replace("scrape_interval: 15s", "scrape_interval: 2s")
					.replace("evaluation_interval: 15s", "evaluation_interval: 2s")
					.replace("scrape_timeout: 10s", "scrape_timeout: 2s"));
		for (Path rules : StackFiles.filesIn(promDir.resolve("rules"), ".yml")) {
			Files.writeString(rules, Files.readString(rules).replaceAll("for: \\w+", "for: 6s"));
		}
		ExternalProcess prom = ExternalProcess.start("prometheus",
				List.of(prometheusBin, "--config.file=" + promConfig,
						"--storage.tsdb.path=" + Files.createTempDirectory(this.work, "prom-data"),
						"--web.listen-address=127.0.0.1:" + promPort, "--enable-feature=exemplar-storage",
						"--web.enable-remote-write-receiver"),
				Map.of(), logs);
		this.resources.add(prom);

		producer.awaitReady(READY);
		this.consumer.awaitReady(READY);
		api.awaitReady(READY);
		await("Prometheus and Alertmanager ready").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			prom.ensureAlive();
			am.ensureAlive();
			assertThat(HttpJson.status(this.prometheus + "/-/ready")).isEqualTo(200);
			assertThat(HttpJson.status(this.alertmanager + "/-/ready")).isEqualTo(200);
		});
	}

	/** A file-discovery target file as the devstack writes it (ScrapeTargets). */
	private static void writeTargets(Path directory, String job, String instance, int port) throws Exception {
		Files.writeString(directory.resolve(job + ".json"), "[ { \"targets\" : [ \"127.0.0.1:" + port
				+ "\" ], \"labels\" : { \"instance\" : \"" + instance + "\" } } ]\n");
	}

	private ServiceJvm service(String module, List<String> jvm, Map<String, String> environment, Path logs)
			throws Exception {
		// Extracted, with the AOT cache the devstack's tests trained.
		Path jar = ServiceJars.extracted(module);
		ServiceJvm service = ServiceJvm.start(module, jar, ServiceJars.withAotCache(jar, jvm, environment, logs),
				environment, logs);
		this.resources.add(0, service);
		return service;
	}

	@AfterAll
	void stopStack() {
		for (AutoCloseable resource : this.resources) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				System.out.println("[live-stack] closing " + resource + ": " + ex);
			}
		}
	}

	/**
	 * Every panel expression of every dashboard (once per value of its variables) and
	 * every selector of every alert rule returns series, unless it reads a metric of
	 * {@link #MAY_BE_EMPTY}.
	 */
	@Test
	@Order(1)
	void everyDashboardAndAlertExpressionReturnsData() {
		await("every target up, flashes flowing, GraphQL traffic").atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> {
				graphqlLoad();
				assertThat(HttpJson.query(this.prometheus, "up == 1").series()).isEqualTo(8);
				// Each replica is told apart by the instance name its target file gives
				// it.
				assertThat(
						HttpJson.query(this.prometheus, "up{job=\"invaders-consumer\", instance=\"consumer-1\"} == 1")
							.series())
					.isOne();
				assertThat(HttpJson.query(this.prometheus, "flashcastr:replicas_up:sum").series()).isEqualTo(3);
				assertThat(HttpJson.query(this.prometheus, "invaders_consumer_flashes_processed_total > 0").series())
					.isOne();
				assertThat(HttpJson.query(this.prometheus, "invaders_bot_sync_duration_seconds_count > 0").series())
					.isOne();
				// Two scrapes of every moving counter, so rate() answers.
				assertThat(HttpJson
					.query(this.prometheus, "count_over_time(flashcastr_api_graphql_requests_total[1m]) > 4")
					.series()).isPositive();
			});

		Map<String, String> expressions = new LinkedHashMap<>(Dashboards.promqlExpressions());
		for (Map<String, Object> rule : PrometheusRulesTests.allRules()) {
			String name = (String) rule.getOrDefault("alert", rule.get("record"));
			for (Promql.Selector selector : Promql.selectors((String) rule.get("expr"))) {
				expressions.put("rule " + name + " / " + selector.text(), selector.text());
			}
		}
		Map<String, String> allowed = new TreeMap<>();
		expressions.forEach((label, expression) -> Promql.metricNames(expression)
			.stream()
			.filter(MAY_BE_EMPTY::containsKey)
			.findFirst()
			.ifPresent((metric) -> allowed.put(label, MAY_BE_EMPTY.get(metric))));

		Map<String, String> empty = new TreeMap<>();
		await("every expression returns series").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(3))
			.untilAsserted(() -> {
				graphqlLoad();
				empty.clear();
				expressions.forEach((label, expression) -> {
					HttpJson.QueryResult result = HttpJson.query(this.prometheus, expression);
					if (result.error() != null) {
						empty.put(label, "ERROR " + result.error() + " in " + expression);
					}
					else if (result.series() == 0 && !allowed.containsKey(label)) {
						empty.put(label, expression);
					}
				});
				assertThat(empty).isEmpty();
			});
		int withData = 0;
		for (Map.Entry<String, String> entry : expressions.entrySet()) {
			if (HttpJson.query(this.prometheus, entry.getValue()).series() > 0) {
				withData++;
			}
		}
		System.out.printf(
				"[live-stack] %d expressions (%d dashboard queries x variable values, %d rule selectors):"
						+ " %d returned series, %d allowed empty%n",
				expressions.size(), Dashboards.promqlExpressions().size(),
				expressions.size() - Dashboards.promqlExpressions().size(), withData, allowed.size());
		allowed.forEach(
				(label, reason) -> System.out.println("[live-stack]   allowed empty: " + label + " (" + reason + ")"));
		// Healthy: none of the alerts the broken phase proves may be active yet. (Others
		// are
		// printed, not asserted: HighMemory depends on the machine's JVM.)
		Set<String> firing = activeAlertNames();
		System.out.println("[live-stack] alerts active in Alertmanager while healthy: " + firing);
		assertThat(firing).as("alerts while healthy")
			.doesNotContain("ServiceDown", "CircuitBreakerOpen", "ConsumerBacklog", "GraphQLErrorRate");
	}

	/**
	 * Break the pipeline on purpose: IPFS outage → CircuitBreakerOpen; consumer stopped →
	 * ServiceDown and ConsumerBacklog. Each reaches Alertmanager and the webhook receiver
	 * in Discord's JSON format.
	 */
	@Test
	@Order(2)
	void brokenPipelineFiresAlertsThatReachDiscord() {
		long started = System.nanoTime();
		// Kubo stops listening; new flashes make the consumer try (the breaker needs 20
		// calls to judge).
		this.ipfs.kuboFaults().outage();
		this.feed.emitFlashes(60);
		awaitAlert("CircuitBreakerOpen", Duration.ofSeconds(120));
		System.out.printf("[live-stack] CircuitBreakerOpen reached Discord after %.0f s%n", seconds(started));

		long stopped = System.nanoTime();
		this.consumer.close();
		this.ipfs.kuboFaults().reset();
		this.feed.emitFlashes(60);
		awaitAlert("ServiceDown", Duration.ofSeconds(90));
		System.out.printf("[live-stack] ServiceDown reached Discord %.0f s after the consumer stopped%n",
				seconds(stopped));
		await("the backlog grows").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
			this.feed.emitFlashes(5);
			return HttpJson.query(this.prometheus, "flashcastr:consumer_queue_ready:max > 0").series() > 0;
		});
		awaitAlert("ConsumerBacklog", Duration.ofSeconds(90));
		System.out.printf("[live-stack] ConsumerBacklog reached Discord %.0f s after the consumer stopped%n",
				seconds(stopped));
		System.out.println("[live-stack] alerts active in Alertmanager when broken: " + activeAlertNames());
		System.out.println("[live-stack] Discord webhook calls received: " + this.discord.bodies().size());
	}

	/**
	 * Waits until Alertmanager has the alert active and Discord got an embed naming it.
	 */
	private void awaitAlert(String alertName, Duration timeout) {
		await(alertName + " active in Alertmanager and posted to Discord").atMost(timeout)
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> {
				assertThat(activeAlertNames()).contains(alertName);
				assertThat(discordEmbeds()).anySatisfy((embed) -> {
					assertThat(embed.path("title").asString()).contains(alertName).contains("FIRING");
					assertThat(embed.path("description").asString()).contains("Runbook: ")
						.contains("docs/runbooks/" + alertName + ".md");
				});
			});
	}

	/** Discord's webhook format: {"embeds":[{"title":…,"description":…,"color":…}]}. */
	private List<JsonNode> discordEmbeds() {
		List<JsonNode> embeds = new ArrayList<>();
		for (String body : this.discord.bodies()) {
			JsonNode json = HttpJson.JSON.readTree(body);
			for (JsonNode embed : json.path("embeds")) {
				assertThat(embed.has("color")).as("Discord embed color").isTrue();
				embeds.add(embed);
			}
		}
		return embeds;
	}

	private Set<String> activeAlertNames() {
		Set<String> names = new TreeSet<>();
		for (JsonNode alert : HttpJson.get(this.alertmanager + "/api/v2/alerts?active=true")) {
			names.add(alert.path("labels").path("alertname").asString());
		}
		return names;
	}

	/**
	 * A few named queries, none failing: an error share above 5 % is GraphQLErrorRate,
	 * and the healthy phase must be quiet.
	 */
	private void graphqlLoad() {
		for (String query : List.of("query Recent { globalFlashes(limit: 5) { flash_id city } }",
				"query Trending { getTrendingCities { city } }",
				"query Leaders { getLeaderboard(limit: 5) { username } }")) {
			HttpJson.post(this.graphql, HttpJson.JSON.createObjectNode().put("query", query).toString());
		}
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}

}
