package app.flashcastr.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The provisioned dashboards and the queries of their panels. */
final class Dashboards {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Dashboards() {
	}

	record Dashboard(Path file, String folder, JsonNode json) {

		String uid() {
			return this.json.path("uid").asString();
		}

		String title() {
			return this.json.path("title").asString();
		}

		/**
		 * Every value each variable can take: custom variables list theirs; query
		 * variables and text boxes get a value that matches everything.
		 */
		Map<String, List<String>> variableValues() {
			Map<String, List<String>> values = new LinkedHashMap<>();
			for (JsonNode variable : this.json.path("templating").path("list")) {
				String name = variable.path("name").asString();
				String type = variable.path("type").asString();
				if (type.equals("custom")) {
					List<String> options = new ArrayList<>();
					for (String option : variable.path("query").asString().split(",")) {
						options.add(option.trim());
					}
					values.put(name, options);
				}
				else if (type.equals("textbox")) {
					values.put(name, List.of("0123456789abcdef"));
				}
				else {
					values.put(name, List.of(".+"));
				}
			}
			return values;
		}

		List<Query> queries() {
			List<Query> queries = new ArrayList<>();
			for (JsonNode panel : this.json.path("panels")) {
				collect(panel, queries);
				for (JsonNode nested : panel.path("panels")) {
					collect(nested, queries);
				}
			}
			return queries;
		}

		private void collect(JsonNode panel, List<Query> queries) {
			for (JsonNode target : panel.path("targets")) {
				JsonNode datasource = target.has("datasource") ? target.path("datasource") : panel.path("datasource");
				queries.add(new Query(this, panel.path("title").asString(), panel.path("type").asString(),
						target.path("refId").asString(), datasource.path("type").asString(),
						datasource.path("uid").asString(), target.path("expr").asString()));
			}
		}

	}

	record Query(Dashboard dashboard, String panel, String panelType, String refId, String datasourceType,
			String datasourceUid, String expr) {

		boolean isPromql() {
			return this.datasourceType.equals("prometheus");
		}

		String label() {
			return this.dashboard.uid() + " / " + this.panel + " / " + this.refId;
		}

	}

	static List<Dashboard> all() {
		List<Dashboard> dashboards = new ArrayList<>();
		Path root = StackFiles.path("grafana/dashboards");
		for (Path file : StackFiles.files("grafana/dashboards", ".json")) {
			try {
				dashboards.add(new Dashboard(file, root.relativize(file).getParent().toString(),
						JSON.readTree(Files.readString(file))));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return dashboards;
	}

	/**
	 * All combinations of variable values (a cartesian product; our dashboards have one
	 * or two variables).
	 */
	static List<Map<String, String>> variableCombinations(Map<String, List<String>> values) {
		List<Map<String, String>> combinations = new ArrayList<>();
		combinations.add(new LinkedHashMap<>());
		for (Map.Entry<String, List<String>> variable : values.entrySet()) {
			List<Map<String, String>> next = new ArrayList<>();
			for (Map<String, String> partial : combinations) {
				for (String value : variable.getValue()) {
					Map<String, String> extended = new LinkedHashMap<>(partial);
					extended.put(variable.getKey(), value);
					next.add(extended);
				}
			}
			combinations = next;
		}
		return combinations;
	}

	/** Every PromQL query, once per combination of variable values, substituted. */
	static Map<String, String> promqlExpressions() {
		Map<String, String> expressions = new LinkedHashMap<>();
		for (Dashboard dashboard : all()) {
			List<Map<String, String>> combinations = variableCombinations(dashboard.variableValues());
			for (Query query : dashboard.queries()) {
				if (!query.isPromql()) {
					continue;
				}
				for (Map<String, String> variables : combinations) {
					String label = query.label() + (variables.isEmpty() ? "" : " " + variables);
					expressions.put(label, Promql.substitute(query.expr(), variables));
				}
			}
		}
		return expressions;
	}

}
