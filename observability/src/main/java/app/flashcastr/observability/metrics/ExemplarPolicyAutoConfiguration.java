package app.flashcastr.observability.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Gives Boot's Prometheus export the registry that applies the exemplar policy
 * ({@link HistogramExemplarsOnly}); Boot's own backs off.
 */
@AutoConfiguration(before = PrometheusMetricsExportAutoConfiguration.class)
@ConditionalOnClass(PrometheusRegistry.class)
public final class ExemplarPolicyAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PrometheusRegistry prometheusRegistry() {
		return new HistogramExemplarsOnly();
	}

}
