package app.flashcastr.observability;

import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import app.flashcastr.observability.testservice.TestService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The low-precedence defaults: what they set, what overrides them, and how the
 * environment variables switch trace export and Loki.
 */
class ObservabilityDefaultsTests {

	private final ObservabilityDefaults defaults = new ObservabilityDefaults();

	@Test
	void withoutTempoTraceExportIsOffButSamplingIsFull() {
		StandardEnvironment environment = environment(Map.of("spring.application.name", "invaders-bot"));

		assertThat(environment.getProperty(ObservabilityDefaults.OTLP_EXPORT)).isEqualTo("false");
		// Boot's exporter is still built (on an endpoint nothing is sent to).
		assertThat(environment.getProperty("management.tracing.export.otlp.enabled")).isNull();
		assertThat(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
			.isEqualTo(ObservabilityDefaults.UNUSED_OTLP_ENDPOINT);
		assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("1.0");
		assertThat(environment.getProperty("management.metrics.tags.application")).isEqualTo("invaders-bot");
		assertThat(environment.getProperty("management.opentelemetry.resource-attributes.service.name"))
			.isEqualTo("invaders-bot");
		assertThat(environment.getProperty("management.otlp.metrics.export.enabled")).isEqualTo("false");
		assertThat(environment.getProperty(
				"management.prometheus.metrics.export.properties.io.prometheus.exporter.exemplarsOnAllMetricTypes"))
			.isEqualTo("false");
		assertThat(environment.getProperty("spring.rabbitmq.template.observation-enabled")).isEqualTo("true");
		assertThat(environment.getProperty("spring.rabbitmq.listener.simple.observation-enabled")).isEqualTo("true");
		assertThat(environment.getProperty("spring.rabbitmq.listener.direct.observation-enabled")).isEqualTo("true");
		assertThat(environment.getProperty(ObservabilityDefaults.LOKI_PUSH_URL)).isNull();
	}

	@Test
	void tempoEndpointAndSamplingComeFromTheEnvironment() {
		StandardEnvironment environment = environment(
				Map.of("TEMPO_HTTP_ENDPOINT", "http://tempo:4318/v1/traces", "TRACING_SAMPLING_PROBABILITY", "0.25"));

		assertThat(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
			.isEqualTo("http://tempo:4318/v1/traces");
		assertThat(environment.getProperty(ObservabilityDefaults.OTLP_EXPORT)).isEqualTo("true");
		assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.25");
	}

	@Test
	void bootsOwnEndpointPropertyAlsoExports() {
		StandardEnvironment environment = environment(
				Map.of("management.opentelemetry.tracing.export.otlp.endpoint", "http://collector:4318/v1/traces"));

		assertThat(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
			.isEqualTo("http://collector:4318/v1/traces");
		assertThat(environment.getProperty(ObservabilityDefaults.OTLP_EXPORT)).isEqualTo("true");
	}

	@Test
	void theServiceOwnSettingsWin() {
		StandardEnvironment environment = environment(
				Map.of("management.endpoints.web.exposure.include", "health", "management.tracing.sampling.probability",
						"0.5", "management.endpoint.health.group.readiness.include", "readinessState,custom"));

		assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health");
		assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.5");
		assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
			.isEqualTo("readinessState,custom");
	}

	@Test
	void lokiUrlMayBeTheBaseOrThePushUrl() {
		assertThat(ObservabilityDefaults.lokiPushUrl("http://loki:3100"))
			.isEqualTo("http://loki:3100/loki/api/v1/push");
		assertThat(ObservabilityDefaults.lokiPushUrl(" http://loki:3100/ "))
			.isEqualTo("http://loki:3100/loki/api/v1/push");
		assertThat(ObservabilityDefaults.lokiPushUrl("https://logs.example/loki/api/v1/push"))
			.isEqualTo("https://logs.example/loki/api/v1/push");
		assertThat(environment(Map.of("LOKI_URL", "http://loki:3100")).getProperty(ObservabilityDefaults.LOKI_PUSH_URL))
			.isEqualTo("http://loki:3100/loki/api/v1/push");
	}

	private StandardEnvironment environment(Map<String, Object> serviceSettings) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("service", serviceSettings));
		this.defaults.postProcessEnvironment(environment, new SpringApplication());
		this.defaults.postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

	/**
	 * The defaults as a running service sees them (TEMPO_HTTP_ENDPOINT is not set on test
	 * machines).
	 */
	@Nested
	@TestService
	class InARunningService {

		@Autowired
		Environment environment;

		@Autowired
		ApplicationContext context;

		@Test
		void traceExportResolvesDisabledAndNoSpanReachesTheOtlpExporter() {
			assertThat(this.environment.getProperty("TEMPO_HTTP_ENDPOINT")).isNull();
			assertThat(this.environment.getProperty(ObservabilityDefaults.OTLP_EXPORT, Boolean.class)).isFalse();
			assertThat(this.context.getBeanProvider(SpanExporter.class)
				.stream()
				.map((exporter) -> exporter.getClass().getName())).anyMatch((name) -> name.contains("Otlp"));
			assertThat(this.context.getBean(BatchSpanProcessor.class).toString()).contains("spanExporter=")
				.doesNotContain("Otlp");
		}

		@Test
		void openTelemetryServiceNameIsTheApplicationName() {
			Resource resource = this.context.getBean(Resource.class);

			assertThat(resource.getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("test-svc");
		}

	}

}
