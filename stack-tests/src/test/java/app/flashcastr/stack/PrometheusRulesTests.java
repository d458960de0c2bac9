package app.flashcastr.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus and Alertmanager files as Debian's promtool and amtool read them: the
 * rendered scrape config, the rules, a unit test per alert (firing and quiet), and the
 * Alertmanager routing.
 */
class PrometheusRulesTests {

	/** The alert table of the observability spec. */
	static final List<String> ALERTS = List.of("ServiceDown", "ProducerSyncStale", "FlashFeedErrors", "PublishFailures",
			"ConsumerBacklog", "CircuitBreakerOpen", "DeadLetters", "CastFailures", "GraphQLErrorRate",
			"GraphQLLatencyHigh", "FreshnessBudgetBurn", "HighMemory", "ScrapeLimitHit", "OutboxRelayFailing",
			"ReplicaDown", "ConsumerDeliveriesStuck");

	/** The broker alerts (prometheus/rules/broker.yml, tests in broker-test.yml). */
	static final List<String> BROKER_ALERTS = List.of("BrokerNodeDown", "QuorumQueueWithoutMajority");

	/** The promtool unit test files, one per rule file family. */
	static final List<String> UNIT_TESTS = List.of("prometheus/tests/alerts-test.yml",
			"prometheus/tests/broker-test.yml");

	@TempDir
	Path temp;

	@Test
	void renderedConfigPassesPromtoolCheckConfig() throws Exception {
		String promtool = Tools.promtool();
		Path config = Tools.renderPrometheus(this.temp.resolve("defaults"), Map.of());
		Tools.run(promtool, "check", "config", config.toString()).assertSuccess("promtool check config");
		String text = Files.readString(config);
		assertThat(text).contains("targets: ['producer:9090']", "targets: ['consumer:9091']", "targets: ['api:9092']")
			.doesNotContain("remote_write");
		// Railway-style targets from the environment, and the optional remote_write.
		Path railway = Tools.renderPrometheus(this.temp.resolve("railway"),
				Map.of("INVADERS_BOT_TARGET", "producer.railway.internal:9090", "INVADERS_CONSUMER_TARGET",
						"consumer.railway.internal:9091", "FLASHCASTR_API_TARGET", "api.railway.internal:9092",
						"PROMETHEUS_REMOTE_WRITE_URL", "https://mimir.example/api/v1/push",
						"PROMETHEUS_REMOTE_WRITE_USERNAME", "123456"));
		Tools.run(promtool, "check", "config", railway.toString()).assertSuccess("promtool check config (railway)");
		assertThat(Files.readString(railway)).contains("producer.railway.internal:9090", "remote_write:",
				"password_file:");
	}

	/**
	 * Each way of finding replicas renders a config promtool accepts, with the same job
	 * names (dashboards and alerts select on them) and only that discovery in the service
	 * jobs.
	 */
	/** Every node of a broker cluster is scraped by both RabbitMQ jobs. */
	@Test
	@SuppressWarnings("unchecked")
	void everyBrokerNodeOfAClusterIsATarget() throws Exception {
		Path config = Tools.renderPrometheus(this.temp.resolve("cluster"),
				Map.of("RABBITMQ_PROMETHEUS_TARGET", "rabbitmq-1:15692,rabbitmq-2:15692, rabbitmq-3:15692"));
		Tools.run(Tools.promtool(), "check", "config", config.toString()).assertSuccess("promtool check config");
		Map<String, Object> rendered = StackFiles.yaml(config);
		List<String> jobs = new ArrayList<>();
		for (Map<String, Object> job : (List<Map<String, Object>>) rendered.get("scrape_configs")) {
			if (List.of("rabbitmq", "rabbitmq-queues").contains(job.get("job_name"))) {
				jobs.add((String) job.get("job_name"));
				List<Map<String, Object>> targets = (List<Map<String, Object>>) job.get("static_configs");
				assertThat((List<String>) targets.get(0).get("targets")).as((String) job.get("job_name"))
					.containsExactly("rabbitmq-1:15692", "rabbitmq-2:15692", "rabbitmq-3:15692");
			}
		}
		assertThat(jobs).containsExactly("rabbitmq", "rabbitmq-queues");
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyReplicaDiscoveryRendersAValidConfigWithTheSameJobs() throws Exception {
		String promtool = Tools.promtool();
		Map<String, String> expected = Map.of("static", "static_configs", "dns", "dns_sd_configs", "file",
				"file_sd_configs");
		for (Map.Entry<String, String> discovery : expected.entrySet()) {
			Path config = Tools.renderPrometheus(this.temp.resolve(discovery.getKey()), Map.of("SCRAPE_DISCOVERY",
					discovery.getKey(), "SCRAPE_DNS_TYPE", "AAAA", "SCRAPE_TARGETS_DIR", "/srv/devstack/prometheus"));
			Tools.run(promtool, "check", "config", config.toString())
				.assertSuccess("promtool check config (" + discovery.getKey() + ")");
			assertThat(Files.readString(config)).doesNotContain("# discovery:");
			Map<String, Object> rendered = StackFiles.yaml(config);
			List<String> jobs = new ArrayList<>();
			for (Map<String, Object> job : (List<Map<String, Object>>) rendered.get("scrape_configs")) {
				jobs.add((String) job.get("job_name"));
				if (List.of("invaders-bot", "invaders-consumer", "flashcastr-api").contains(job.get("job_name"))) {
					assertThat(job).as(discovery.getKey() + " " + job.get("job_name"))
						.containsKey(discovery.getValue())
						.doesNotContainKeys(expected.values()
							.stream()
							.filter((key) -> !key.equals(discovery.getValue()))
							.toArray(String[]::new));
				}
			}
			assertThat(jobs).as(discovery.getKey())
				.containsExactly("prometheus", "alertmanager", "invaders-bot", "invaders-consumer", "flashcastr-api",
						"rabbitmq", "rabbitmq-queues", "postgres");
		}
		String dns = Files.readString(this.temp.resolve("dns/prometheus.yml"));
		assertThat(dns).contains("names: ['consumer']", "type: AAAA", "port: 9091");
		assertThat(Files.readString(this.temp.resolve("file/prometheus.yml")))
			.contains("files: ['/srv/devstack/prometheus/invaders-consumer.json']");
		Tools.Result wrong = Tools.run(List.of("sh", StackFiles.path("prometheus/entrypoint.sh").toString()),
				Map.of("TEMPLATE_DIR", StackFiles.path("prometheus").toString(), "OUTPUT_DIR",
						this.temp.resolve("wrong").toString(), "RENDER_ONLY", "1", "SCRAPE_DISCOVERY", "consul"),
				java.time.Duration.ofSeconds(30));
		assertThat(wrong.exitCode()).isNotZero();
		assertThat(wrong.output()).contains("SCRAPE_DISCOVERY must be static, dns or file");
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyScrapeJobHasLimits() {
		Map<String, Object> config = StackFiles.yaml(StackFiles.path("prometheus/prometheus.yml"));
		for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
			String name = (String) job.get("job_name");
			if (name.equals("prometheus") || name.equals("alertmanager")) {
				continue;
			}
			assertThat(job).as(name).containsKeys("sample_limit", "label_limit", "label_value_length_limit");
		}
	}

	@Test
	void rulesPassPromtoolCheckRules() {
		List<String> command = Tools.list(Tools.promtool(), "check", "rules");
		StackFiles.files("prometheus/rules", ".yml").forEach((file) -> command.add(file.toString()));
		Tools.Result result = Tools.run(command, Map.of(), java.time.Duration.ofMinutes(1));
		result.assertSuccess("promtool check rules");
		assertThat(result.output()).doesNotContain("FAILED");
	}

	@Test
	void unitTestsPassPromtoolTestRules() {
		for (String file : UNIT_TESTS) {
			Tools.Result result = Tools.run(Tools.promtool(), "test", "rules", StackFiles.path(file).toString());
			result.assertSuccess("promtool test rules " + file);
			assertThat(result.output()).contains("SUCCESS");
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyAlertOfTheSpecExistsWithSeverityAnnotationsAndRunbook() {
		Set<String> defined = new LinkedHashSet<>();
		for (Map<String, Object> rule : alertRules()) {
			String name = (String) rule.get("alert");
			defined.add(name);
			Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
			Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
			assertThat(labels.get("severity")).as(name).isIn("critical", "warning", "info");
			assertThat(annotations).as(name).containsKeys("summary", "description", "runbook_url");
			String runbook = (String) annotations.get("runbook_url");
			assertThat(runbook).as(name).endsWith("docs/runbooks/" + name + ".md");
			assertThat(StackFiles.path("docs/runbooks/" + name + ".md")).as(name).isRegularFile();
		}
		assertThat(defined).containsExactlyInAnyOrderElementsOf(allAlerts());
	}

	/** Each alert has a promtool case where it fires and one where it stays quiet. */
	@Test
	@SuppressWarnings("unchecked")
	void everyAlertHasAFiringAndAQuietUnitTest() {
		List<Map<String, Object>> allTests = new ArrayList<>();
		for (String file : UNIT_TESTS) {
			allTests.addAll((List<Map<String, Object>>) StackFiles.yaml(StackFiles.path(file)).get("tests"));
		}
		Map<String, int[]> cases = new LinkedHashMap<>();
		for (Map<String, Object> test : allTests) {
			for (Map<String, Object> alertTest : (List<Map<String, Object>>) test.get("alert_rule_test")) {
				int[] counts = cases.computeIfAbsent((String) alertTest.get("alertname"), (k) -> new int[2]);
				List<Object> expected = (List<Object>) alertTest.get("exp_alerts");
				counts[(expected == null || expected.isEmpty()) ? 1 : 0]++;
			}
		}
		List<String> missing = new ArrayList<>();
		for (String alert : allAlerts()) {
			int[] counts = cases.getOrDefault(alert, new int[2]);
			if (counts[0] == 0 || counts[1] == 0) {
				missing.add(alert + " (firing " + counts[0] + ", quiet " + counts[1] + ")");
			}
		}
		assertThat(missing).isEmpty();
	}

	@Test
	void ruleMetricNamesAreInTheCatalog() {
		Set<String> catalog = MetricCatalog.names();
		List<String> unknown = new ArrayList<>();
		for (Map<String, Object> rule : allRules()) {
			for (String name : Promql.metricNames((String) rule.get("expr"))) {
				if (!catalog.contains(name)) {
					unknown.add(rule.getOrDefault("alert", rule.get("record")) + ": " + name);
				}
			}
		}
		assertThat(unknown).isEmpty();
	}

	@Test
	void alertmanagerConfigPassesAmtoolAndRoutesBySeverity() {
		String amtool = Tools.require(Tools.AMTOOL, "prometheus-alertmanager");
		Path rendered = Tools.renderAlertmanager(this.temp.resolve("alertmanager.yml"),
				"https://discord.com/api/webhooks/0/not-a-secret");
		Tools.run(amtool, "check-config", rendered.toString()).assertSuccess("amtool check-config");
		for (String[] route : new String[][] { { "severity=critical", "discord-critical" },
				{ "severity=warning", "discord-warning" }, { "severity=info", "discord-info" } }) {
			Tools.Result result = Tools.run(amtool, "config", "routes", "test", "--config.file=" + rendered,
					"alertname=Any", route[0]);
			// The last line is the receiver (amtool may print a warning first).
			String[] lines = result.output().strip().split("\n");
			assertThat(lines[lines.length - 1].strip()).as(route[0]).isEqualTo(route[1]);
		}
		// The committed template never holds a webhook.
		assertThat(StackFiles.read("alertmanager/alertmanager.yml")).doesNotContain("discord.com/api/webhooks");
	}

	static List<String> allAlerts() {
		List<String> all = new ArrayList<>(ALERTS);
		all.addAll(BROKER_ALERTS);
		return all;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> allRules() {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Path file : StackFiles.files("prometheus/rules", ".yml")) {
			for (Map<String, Object> group : (List<Map<String, Object>>) StackFiles.yaml(file).get("groups")) {
				rules.addAll((List<Map<String, Object>>) group.get("rules"));
			}
		}
		return rules;
	}

	static List<Map<String, Object>> alertRules() {
		return allRules().stream().filter((rule) -> rule.containsKey("alert")).toList();
	}

}
