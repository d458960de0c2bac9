package app.flashcastr.observability;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Management, tracing and logging defaults shared by every service. They are added as the
 * LAST property source, so a service's {@code application.yml}, its environment variables
 * and test properties all override them.
 * <p>
 * Environment variables read (upstream names): {@code TEMPO_HTTP_ENDPOINT} (OTLP/HTTP
 * traces endpoint, e.g. {@code http://tempo:4318/v1/traces}; unset = no export),
 * {@code TRACING_SAMPLING_PROBABILITY} (default 1.0), {@code LOKI_URL} (e.g.
 * {@code http://loki:3100}; unset = no Loki appender), {@code LOG_FORMAT} ({@code text}
 * for plain console lines, read by {@code logback-spring.xml}).
 */
public final class ObservabilityDefaults implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the defaults. */
	public static final String PROPERTY_SOURCE_NAME = "flashcastrObservabilityDefaults";

	/**
	 * Derived from {@code LOKI_URL}: the full push URL {@code logback-spring.xml} sends
	 * to.
	 */
	public static final String LOKI_PUSH_URL = "flashcastr.observability.logging.loki-push-url";

	static final String LOKI_PUSH_PATH = "/loki/api/v1/push";

	/**
	 * Whether spans are exported over OTLP: true when {@code TEMPO_HTTP_ENDPOINT} (or
	 * Boot's endpoint property itself) is set.
	 */
	public static final String OTLP_EXPORT = "flashcastr.observability.tracing.otlp-export";

	static final String OTLP_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

	/** The endpoint Boot's exporter is built with when nothing is exported to it. */
	static final String UNUSED_OTLP_ENDPOINT = "http://localhost:4318/v1/traces";

	@Override
	public int getOrder() {
		// After the config data processor, so TEMPO_HTTP_ENDPOINT/LOKI_URL may also come
		// from application files.
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults(environment)));
	}

	static Map<String, Object> defaults(ConfigurableEnvironment environment) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		String application = "${spring.application.name:unknown}";

		// Endpoints and probes; liveness never looks at outside dependencies (see
		// ProbesAutoConfiguration).
		defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics");
		defaults.put("management.endpoint.health.probes.enabled", "true");
		defaults.put("management.endpoint.health.group.liveness.include", "livenessState");
		defaults.put("management.endpoint.health.group.readiness.include", "readinessState");

		// Prometheus scrapes: no OTLP metrics push. No exemplars on _count lines
		// (Debian's Prometheus 2.42 marks the whole target DOWN for one); counters lose
		// theirs in HistogramExemplarsOnly, so only histogram buckets carry exemplars.
		defaults.put("management.otlp.metrics.export.enabled", "false");
		defaults.put("management.prometheus.metrics.export.properties.io.prometheus.exporter.exemplarsOnAllMetricTypes",
				"false");
		defaults.put("management.metrics.tags.application", application);

		// Tracing stays on (trace ids in logs, context across RabbitMQ); only the export
		// depends on Tempo.
		defaults.put("management.tracing.sampling.probability", "${TRACING_SAMPLING_PROBABILITY:1.0}");
		defaults.put("management.opentelemetry.resource-attributes.service.name", application);
		// Boot's OTLP exporter always exists, since Spring AOT fixes the beans at build
		// time; spans reach it only when an endpoint is set
		// (SpanExportAutoConfiguration).
		String tempo = environment.getProperty("TEMPO_HTTP_ENDPOINT");
		String endpoint = environment.getProperty(OTLP_ENDPOINT);
		boolean export = StringUtils.hasText(tempo) || StringUtils.hasText(endpoint);
		if (StringUtils.hasText(tempo)) {
			defaults.put(OTLP_ENDPOINT, tempo.trim());
		}
		else if (!export) {
			defaults.put(OTLP_ENDPOINT, UNUSED_OTLP_ENDPOINT);
		}
		defaults.put(OTLP_EXPORT, String.valueOf(export));
		defaults.put("spring.rabbitmq.template.observation-enabled", "true");
		defaults.put("spring.rabbitmq.listener.simple.observation-enabled", "true");
		defaults.put("spring.rabbitmq.listener.direct.observation-enabled", "true");

		String loki = environment.getProperty("LOKI_URL");
		if (StringUtils.hasText(loki)) {
			defaults.put(LOKI_PUSH_URL, lokiPushUrl(loki));
		}
		return defaults;
	}

	/**
	 * Accepts the Loki base URL ({@code http://loki:3100}) as upstream documents it, or
	 * the full push URL.
	 */
	static String lokiPushUrl(String lokiUrl) {
		String url = lokiUrl.trim();
		while (url.endsWith("/")) {
			url = url.substring(0, url.length() - 1);
		}
		return url.endsWith(LOKI_PUSH_PATH) ? url : url + LOKI_PUSH_PATH;
	}

}
