package app.flashcastr.observability.tracing;

import java.util.List;

import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.micrometer.tracing.exporter.SpanFilter;
import io.micrometer.tracing.exporter.SpanReporter;
import io.micrometer.tracing.otel.bridge.CompositeSpanExporter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import app.flashcastr.observability.ObservabilityDefaults;

/**
 * Boot's span processor with one difference: Boot exports through Micrometer's
 * {@link CompositeSpanExporter}, which copies every finished span into a mutable
 * Micrometer span and back (a map of its attributes each time) so that span filters can
 * rewrite it, even when there are none; that copy was ~4 % of the consumer's CPU. Without
 * span filters, exporting predicates and reporters, spans go to the exporters as they
 * are; with any of them, Boot's composite is used as before. Export settings are Boot's
 * ({@code management.opentelemetry.tracing.export.*}). Boot's OTLP exporter is left out
 * unless {@link ObservabilityDefaults#OTLP_EXPORT}: it always exists, since the services'
 * beans are fixed when the jar is built (Spring AOT), and {@code TEMPO_HTTP_ENDPOINT} is
 * known only at run time.
 */
@AutoConfiguration(before = OpenTelemetryTracingAutoConfiguration.class)
@ConditionalOnClass({ BatchSpanProcessor.class, CompositeSpanExporter.class,
		OpenTelemetryTracingAutoConfiguration.class })
@EnableConfigurationProperties(OpenTelemetryTracingProperties.class)
public final class SpanExportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BatchSpanProcessor flashcastrSpanProcessor(OpenTelemetryTracingProperties properties, SpanExporters spanExporters,
			ObjectProvider<SpanExportingPredicate> predicates, ObjectProvider<SpanReporter> reporters,
			ObjectProvider<SpanFilter> filters, ObjectProvider<MeterProvider> meterProvider, Environment environment) {
		List<SpanExporter> exporters = exported(spanExporters.list(),
				environment.getProperty(ObservabilityDefaults.OTLP_EXPORT, Boolean.class, true));
		List<SpanExportingPredicate> predicateList = predicates.orderedStream().toList();
		List<SpanReporter> reporterList = reporters.orderedStream().toList();
		List<SpanFilter> filterList = filters.orderedStream().toList();
		SpanExporter exporter = (predicateList.isEmpty() && reporterList.isEmpty() && filterList.isEmpty())
				? SpanExporter.composite(exporters)
				: new CompositeSpanExporter(exporters, predicateList, reporterList, filterList);
		OpenTelemetryTracingProperties.Export export = properties.getExport();
		BatchSpanProcessorBuilder builder = BatchSpanProcessor.builder(exporter)
			.setExportUnsampledSpans(export.isIncludeUnsampled())
			.setExporterTimeout(export.getTimeout())
			.setMaxExportBatchSize(export.getMaxBatchSize())
			.setMaxQueueSize(export.getMaxQueueSize())
			.setScheduleDelay(export.getScheduleDelay());
		meterProvider.ifAvailable(builder::setMeterProvider);
		return builder.build();
	}

	/** The exporters spans go to: OTLP's only when exporting over OTLP. */
	static List<SpanExporter> exported(List<SpanExporter> exporters, boolean otlp) {
		return exporters.stream()
			.filter((exporter) -> otlp || !exporter.getClass().getName().startsWith("io.opentelemetry.exporter.otlp."))
			.toList();
	}

}
