package app.flashcastr.stack;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tempo, Loki and the OpenTelemetry Collector have no Debian package to validate their
 * files with, so this reads them as YAML and checks the settings the spec depends on.
 */
class BackendConfigTests {

	@Test
	@SuppressWarnings("unchecked")
	void tempoReceivesOtlpOnAllInterfacesAndRemoteWritesSpanMetricsWithExemplars() {
		Map<String, Object> tempo = StackFiles.yaml(StackFiles.path("tempo/tempo.yml"));
		Map<String, Object> protocols = (Map<String, Object>) at(tempo, "distributor", "receivers", "otlp",
				"protocols");
		assertThat(at(protocols, "grpc", "endpoint")).isEqualTo("0.0.0.0:4317");
		assertThat(at(protocols, "http", "endpoint")).isEqualTo("0.0.0.0:4318");
		List<Map<String, Object>> remoteWrite = (List<Map<String, Object>>) at(tempo, "metrics_generator", "storage",
				"remote_write");
		assertThat(remoteWrite).singleElement().satisfies((target) -> {
			assertThat(target.get("url")).isEqualTo("http://prometheus:9090/api/v1/write");
			assertThat(target.get("send_exemplars")).isEqualTo(true);
		});
		assertThat((List<String>) at(tempo, "overrides", "defaults", "metrics_generator", "processors"))
			.containsExactlyInAnyOrder("service-graphs", "span-metrics");
	}

	@Test
	@SuppressWarnings("unchecked")
	void lokiIsTsdbV13WithThirtyDaysRetentionEnforcedByTheCompactor() {
		Map<String, Object> loki = StackFiles.yaml(StackFiles.path("loki/loki.yml"));
		List<Map<String, Object>> schemas = (List<Map<String, Object>>) at(loki, "schema_config", "configs");
		assertThat(schemas).allSatisfy((schema) -> {
			assertThat(schema.get("store")).isEqualTo("tsdb");
			assertThat(schema.get("schema")).isEqualTo("v13");
		});
		assertThat(at(loki, "limits_config", "retention_period")).isEqualTo("720h");
		assertThat(at(loki, "compactor", "retention_enabled")).isEqualTo(true);
		assertThat(at(loki, "compactor", "delete_request_store")).isNotNull();
		assertThat(loki.get("auth_enabled")).isEqualTo(false);
	}

	@Test
	@SuppressWarnings("unchecked")
	void collectorSendsTracesToTempoMetricsToPrometheusAndLogsToLoki() {
		Map<String, Object> collector = StackFiles.yaml(StackFiles.path("otel/collector.yml"));
		Map<String, Object> pipelines = (Map<String, Object>) at(collector, "service", "pipelines");
		assertThat((List<String>) at(pipelines, "traces", "exporters")).containsExactly("otlphttp/tempo");
		assertThat((List<String>) at(pipelines, "metrics", "exporters")).containsExactly("prometheusremotewrite");
		assertThat((List<String>) at(pipelines, "logs", "exporters")).containsExactly("otlphttp/loki");
		assertThat(at(collector, "exporters", "otlphttp/loki", "endpoint")).isEqualTo("http://loki:3100/otlp");
	}

	@SuppressWarnings("unchecked")
	private static Object at(Map<String, Object> root, String... path) {
		Object node = root;
		for (String key : path) {
			assertThat(node).as(String.join(".", path)).isInstanceOf(Map.class);
			node = ((Map<String, Object>) node).get(key);
		}
		return node;
	}

}
