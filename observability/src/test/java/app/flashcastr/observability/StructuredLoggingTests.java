package app.flashcastr.observability;

import java.util.List;

import ch.qos.logback.classic.LoggerContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.flashcastr.observability.testservice.TestServiceApplication;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Console log lines are JSON with the agreed field names, carry the current trace, and
 * there is no Loki appender when {@code LOKI_URL} is unset. A context of its own, started
 * when this class runs: logging is configured at each context start, and the shared
 * {@code @TestService} context may be older than another class's {@code LOG_FORMAT=text}
 * context.
 */
@SpringBootTest(classes = TestServiceApplication.class, webEnvironment = WebEnvironment.NONE)
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTests {

	private static final Logger logger = LoggerFactory.getLogger(StructuredLoggingTests.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	Tracer tracer;

	@Test
	void jsonLineCarriesTraceAndSpanIds(CapturedOutput output) {
		Span span = this.tracer.nextSpan().name("log-probe").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			logger.info("structured log probe {}", 42);
		}
		finally {
			span.end();
		}

		JsonNode line = lineWithMessage(output, "structured log probe 42");
		assertThat(line.path("trace_id").asString()).isEqualTo(span.context().traceId());
		assertThat(line.path("span_id").asString()).isEqualTo(span.context().spanId());
		assertThat(line.path("service").asString()).isEqualTo("test-svc");
		assertThat(line.path("level").asString()).isEqualTo("INFO");
		assertThat(line.path("logger").asString()).isEqualTo(StructuredLoggingTests.class.getName());
		assertThat(line.path("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
	}

	@Test
	void exceptionIsSummarizedWithoutTraceOutsideSpans(CapturedOutput output) {
		logger.warn("failure probe", new IllegalStateException("outer", new java.io.IOException("disk gone")));

		JsonNode line = lineWithMessage(output, "failure probe");
		assertThat(line.has("trace_id")).isFalse();
		JsonNode exception = line.path("exception");
		assertThat(exception.path("type").asString()).isEqualTo("java.lang.IllegalStateException");
		assertThat(exception.path("message").asString()).isEqualTo("outer");
		assertThat(exception.path("root_cause").asString()).isEqualTo("java.io.IOException: disk gone");
		assertThat(exception.path("frames").size()).isBetween(1, 11);
	}

	@Test
	void noLokiAppenderWithoutLokiUrl() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

		assertThat(root.getAppender("CONSOLE")).isNotNull();
		assertThat(root.getAppender("LOKI")).isNull();
	}

	private static JsonNode lineWithMessage(CapturedOutput output, String message) {
		List<String> lines = output.getOut().lines().filter((line) -> line.contains(message)).toList();
		assertThat(lines).as("console lines with '%s'", message).hasSize(1);
		JsonNode line = json.readTree(lines.get(0));
		assertThat(line.path("message").asString()).isEqualTo(message);
		return line;
	}

}
