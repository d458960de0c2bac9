package app.flashcastr.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import app.flashcastr.stack.Dashboards.Dashboard;
import app.flashcastr.stack.Dashboards.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provisioned dashboards: valid JSON, the spec's uids in the spec's folders,
 * datasource uids that exist, PromQL that promtool parses (variables substituted), and
 * only metric names the services or our exporters really export.
 */
class DashboardTests {

	/** uid → folder on disk (= Grafana folder, lower case). */
	static final Map<String, String> EXPECTED = Map.of("flashcastr-service-status", "overview",
			"flashcastr-golden-signals", "overview", "flashcastr-flashes", "pipeline", "flashcastr-slo", "pipeline",
			"flashcastr-rabbitmq", "infrastructure", "flashcastr-postgresql", "infrastructure", "flashcastr-jvm",
			"infrastructure", "flashcastr-logs", "logs", "flashcastr-replicas", "overview");

	@TempDir
	Path temp;

	@Test
	void dashboardsHaveTheSpecUidsInTheirFolders() {
		Map<String, String> found = new LinkedHashMap<>();
		for (Dashboard dashboard : Dashboards.all()) {
			assertThat(found.put(dashboard.uid(), dashboard.folder())).as("duplicate uid " + dashboard.uid()).isNull();
			assertThat(dashboard.title()).isNotBlank();
		}
		assertThat(found).containsExactlyInAnyOrderEntriesOf(EXPECTED);
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyDatasourceUidIsProvisioned() {
		Set<String> provisioned = new TreeSet<>();
		for (Map<String, Object> datasource : (List<Map<String, Object>>) StackFiles
			.yaml(StackFiles.path("grafana/provisioning/datasources/datasources.yml"))
			.get("datasources")) {
			provisioned.add((String) datasource.get("uid"));
		}
		assertThat(provisioned).containsExactlyInAnyOrder("grafana_prometheus", "grafana_tempo", "grafana_loki");
		List<String> wrong = new ArrayList<>();
		for (Dashboard dashboard : Dashboards.all()) {
			for (JsonNode node : dashboard.json().findValues("datasource")) {
				String uid = node.isString() ? node.asString() : node.path("uid").asString();
				if (!uid.startsWith("-- ") && !provisioned.contains(uid)) {
					wrong.add(dashboard.uid() + ": " + node);
				}
			}
			for (Query query : dashboard.queries()) {
				assertThat(query.expr()).as(query.label()).isNotBlank();
			}
		}
		assertThat(wrong).isEmpty();
	}

	@Test
	void serviceStatusIsTheHomeDashboardAndProvidersPointAtTheFolders() {
		String ini = StackFiles.read("grafana/grafana.ini");
		assertThat(ini).contains("default_home_dashboard_path = /etc/grafana/dashboards/overview/service-status.json");
		assertThat(ini).containsPattern("\\[auth.anonymous\\]\\s+#[^\\n]*\\n\\s*enabled = false");
		String providers = StackFiles.read("grafana/provisioning/dashboards/dashboards.yml");
		for (String folder : Set.copyOf(EXPECTED.values())) {
			assertThat(providers).contains("path: /etc/grafana/dashboards/" + folder);
		}
	}

	/** promtool parses each expression, as a recording rule of a generated rule file. */
	@Test
	void everyPromqlExpressionParses() throws Exception {
		String promtool = Tools.promtool();
		Map<String, String> expressions = Dashboards.promqlExpressions();
		StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
		int index = 0;
		for (String expression : expressions.values()) {
			rules.append("      - record: dashboard:expr_")
				.append(index++)
				.append("\n        expr: ")
				.append(yamlQuoted(expression))
				.append("\n");
		}
		Path file = this.temp.resolve("dashboard-expressions.yml");
		Files.writeString(file, rules);
		Tools.Result result = Tools.run(promtool, "check", "rules", "--lint=none", file.toString());
		result.assertSuccess("promtool check rules on " + expressions.size() + " dashboard expressions");
		assertThat(result.output()).contains("SUCCESS: " + expressions.size() + " rules found");
	}

	@Test
	void everyMetricNameIsInTheCatalog() {
		Set<String> catalog = MetricCatalog.names();
		List<String> unknown = new ArrayList<>();
		Dashboards.promqlExpressions().forEach((label, expression) -> {
			for (String name : Promql.metricNames(expression)) {
				if (!catalog.contains(name)) {
					unknown.add(label + ": " + name);
				}
			}
		});
		assertThat(unknown).isEmpty();
	}

	/**
	 * Upstream's dashboard bugs: stat panels on raw ever-growing counters, and up tiles
	 * that duplicate per instance.
	 */
	@Test
	void noRawCountersInStatPanelsAndUpIsCollapsed() {
		List<String> problems = new ArrayList<>();
		for (Dashboard dashboard : Dashboards.all()) {
			for (Query query : dashboard.queries()) {
				if (!query.isPromql()) {
					continue;
				}
				for (Promql.Selector selector : Promql.selectors(query.expr())) {
					boolean counter = selector.metric().endsWith("_total")
							&& !selector.metric().equals("flashcastr_api_active_users_total");
					if (query.panelType().equals("stat") && counter && !query.expr().contains("increase(")
							&& !query.expr().contains("rate(")) {
						problems.add(query.label() + ": raw counter " + selector.metric());
					}
					// A time series per replica is the point of the Replicas panels; a
					// stat
					// tile per instance is the upstream bug.
					boolean perInstance = query.panelType().equals("timeseries")
							&& query.expr().contains("max by (job, instance)");
					if (selector.metric().equals("up") && !query.expr().contains("max by (job)") && !perInstance) {
						problems.add(query.label() + ": up without max by (job)");
					}
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	/**
	 * Replicas are told apart where it matters: an {@code $instance} variable, and
	 * per-instance panels for the consumers' rate and in-flight messages, the producer
	 * that syncs and the API replicas' load; the golden signals narrow by instance too.
	 */
	@Test
	void replicasAreBrokenDownByInstance() {
		Map<String, Dashboard> byUid = new LinkedHashMap<>();
		Dashboards.all().forEach((dashboard) -> byUid.put(dashboard.uid(), dashboard));
		for (String uid : List.of("flashcastr-replicas", "flashcastr-golden-signals")) {
			assertThat(byUid.get(uid).variableValues()).as(uid).containsKey("instance");
			for (Query query : byUid.get(uid).queries()) {
				assertThat(query.expr()).as(query.label())
					.satisfiesAnyOf((expr) -> assertThat(expr).contains("instance=~\"$instance\""),
							(expr) -> assertThat(expr).doesNotContain("job=\"$service\"").doesNotContain("{"));
			}
		}
		List<String> perInstance = byUid.get("flashcastr-replicas")
			.queries()
			.stream()
			.filter((query) -> query.expr().contains("by (instance") || query.expr().contains("by (job, instance"))
			.map(Query::expr)
			.toList();
		assertThat(String.join("\n", perInstance)).contains("invaders_consumer_flashes_processed_total",
				"invaders_consumer_in_flight", "invaders_bot_sync_lock_contended_total",
				"invaders_bot_last_api_call_timestamp", "flashcastr_api_graphql_requests_total", "up{");
	}

	private static String yamlQuoted(String expression) {
		return "'" + expression.replace("\n", " ").replace("'", "''") + "'";
	}

}
