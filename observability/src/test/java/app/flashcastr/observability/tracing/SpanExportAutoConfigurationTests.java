package app.flashcastr.observability.tracing;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.tracing.exporter.SpanFilter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import app.flashcastr.observability.ObservabilityDefaults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spans reach the exporters as they were ended, with or without span filters, and Boot's
 * export settings still apply.
 */
class SpanExportAutoConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, SpanExportAutoConfiguration.class))
		.withPropertyValues("spring.application.name=test-svc", "management.tracing.sampling.probability=1.0")
		.withBean("recordingExporter", RecordingExporter.class, RecordingExporter::new);

	@Test
	void withoutSpanFiltersSpansGoStraightToTheExporters() {
		this.contexts.run((context) -> {
			assertThat(context).hasSingleBean(BatchSpanProcessor.class).hasBean("flashcastrSpanProcessor");
			assertThat(context.getBean(BatchSpanProcessor.class).toString()).contains("RecordingExporter")
				.doesNotContain("CompositeSpanExporter");

			endSpan(context, "pin flash", "flash.id", "42");

			List<SpanData> exported = context.getBean(RecordingExporter.class).spans;
			assertThat(exported).singleElement().satisfies((span) -> {
				assertThat(span.getName()).isEqualTo("pin flash");
				assertThat(span.getAttributes().asMap()).hasSize(1);
				assertThat(span.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("flash.id")))
					.isEqualTo("42");
			});
		});
	}

	@Test
	void spanFiltersStillRewriteSpansBeforeExport() {
		this.contexts
			.withBean("renamingFilter", SpanFilter.class, () -> (span) -> span.setName(span.getName() + " (filtered)"))
			.run((context) -> {
				assertThat(context.getBean(BatchSpanProcessor.class).toString()).contains("CompositeSpanExporter");

				endSpan(context, "pin flash", "flash.id", "42");

				assertThat(context.getBean(RecordingExporter.class).spans).singleElement()
					.satisfies((span) -> assertThat(span.getName()).isEqualTo("pin flash (filtered)"));
			});
	}

	@Test
	void bootExportSettingsApply() {
		this.contexts.withPropertyValues("management.opentelemetry.tracing.export.max-batch-size=7")
			.run((context) -> assertThat(context.getBean(BatchSpanProcessor.class).toString())
				.contains("maxExportBatchSize=7"));
	}

	@Test
	void bootsOtlpExporterGetsSpansOnlyWhenExportingOverOtlp() {
		SpanExporter otlp = OtlpHttpSpanExporter.getDefault();
		SpanExporter recording = new RecordingExporter();
		try {
			assertThat(SpanExportAutoConfiguration.exported(List.of(otlp, recording), false))
				.containsExactly(recording);
			assertThat(SpanExportAutoConfiguration.exported(List.of(otlp, recording), true)).containsExactly(otlp,
					recording);
		}
		finally {
			otlp.shutdown();
		}
		this.contexts.withPropertyValues(ObservabilityDefaults.OTLP_EXPORT + "=false")
			.run((context) -> assertThat(context.getBean(BatchSpanProcessor.class).toString())
				.contains("RecordingExporter"));
	}

	private static void endSpan(ConfigurableApplicationContext context, String name, String key, String value) {
		SdkTracerProvider provider = context.getBean(SdkTracerProvider.class);
		Tracer tracer = provider.get("test");
		tracer.spanBuilder(name).setAttribute(key, value).startSpan().end();
		assertThat(provider.forceFlush().join(5, java.util.concurrent.TimeUnit.SECONDS).isSuccess()).isTrue();
	}

	static final class RecordingExporter implements SpanExporter {

		final List<SpanData> spans = new CopyOnWriteArrayList<>();

		@Override
		public CompletableResultCode export(Collection<SpanData> batch) {
			this.spans.addAll(batch);
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
