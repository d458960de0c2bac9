package app.flashcastr.observability.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import app.flashcastr.observability.ObservabilityProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link ServiceMeters}, the process gauges and the cardinality guard for the
 * service's prefix ({@code flashcastr.observability.metric-prefix}).
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class,
		CompositeMeterRegistryAutoConfiguration.class })
@EnableConfigurationProperties(ObservabilityProperties.class)
public final class ServiceMetricsAutoConfiguration {

	// Static: a MeterFilter is consumed while the registry is post-processed, before this
	// configuration exists.
	@Bean
	@ConditionalOnMissingBean
	static CardinalityGuard flashcastrCardinalityGuard(ObservabilityProperties properties) {
		return new CardinalityGuard(properties.metricPrefix(), properties.maxTagValuesPerMeter());
	}

	@Bean
	@ConditionalOnBean(MeterRegistry.class)
	@ConditionalOnMissingBean
	ServiceMeters serviceMeters(ObservabilityProperties properties, MeterRegistry registry) {
		return new ServiceMeters(properties.metricPrefix(), registry);
	}

	@Bean
	@ConditionalOnMissingBean
	ProcessMetrics flashcastrProcessMetrics(ObservabilityProperties properties) {
		return new ProcessMetrics(properties.metricPrefix());
	}

}
