package app.flashcastr.observability;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.flashcastr.observability.testservice.TestServiceApplication;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code LOKI_URL} set, log lines are pushed to Loki's push API with the labels
 * {@code service} and {@code level} only, and the JSON line as the entry, whatever the
 * console format ({@code LOG_FORMAT=text} here). A JDK HTTP server stands in for Loki.
 */
@SpringBootTest(classes = TestServiceApplication.class,
		properties = { "LOKI_URL=http://127.0.0.1:${fake-loki.port}", "LOG_FORMAT=text",
				"flashcastr.observability.logging.loki-batch-timeout-ms=200" })
@ExtendWith(OutputCaptureExtension.class)
class LokiAppenderTests {

	private static final Logger logger = LoggerFactory.getLogger(LokiAppenderTests.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final List<JsonNode> pushes = new CopyOnWriteArrayList<>();

	private static final HttpServer fakeLoki = startFakeLoki();

	@Autowired
	Tracer tracer;

	@AfterAll
	static void stopFakeLoki() {
		// Detach first: the logging configuration outlives this class in the cached
		// context.
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		Appender<?> loki = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("LOKI");
		if (loki != null) {
			context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender("LOKI");
			loki.stop();
		}
		fakeLoki.stop(0);
		System.clearProperty("fake-loki.port");
	}

	@Test
	void pushesJsonLinesLabelledByServiceAndLevelOnly(CapturedOutput output) {
		Span span = this.tracer.nextSpan().name("loki-probe").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			logger.warn("loki push probe");
		}
		finally {
			span.end();
		}

		JsonNode stream = await().atMost(Duration.ofSeconds(10))
			.until(() -> streamWithLine("loki push probe"), (found) -> found != null);

		JsonNode labels = stream.path("stream");
		assertThat(labels.propertyNames()).containsExactlyInAnyOrder("service", "level");
		assertThat(labels.path("service").asString()).isEqualTo("test-svc");
		assertThat(labels.path("level").asString()).isEqualTo("WARN");
		JsonNode line = json.readTree(lineWith(stream, "loki push probe"));
		assertThat(line.path("trace_id").asString()).isEqualTo(span.context().traceId());
		assertThat(line.path("service").asString()).isEqualTo("test-svc");

		assertThat(output.getOut().lines().filter((console) -> console.contains("loki push probe"))).singleElement()
			.satisfies((console) -> assertThat(console).doesNotStartWith("{")
				.contains("WARN")
				.contains(span.context().traceId()));
	}

	private static JsonNode streamWithLine(String message) {
		for (JsonNode push : pushes) {
			for (JsonNode stream : push.path("streams")) {
				if (lineWith(stream, message) != null) {
					return stream;
				}
			}
		}
		return null;
	}

	private static String lineWith(JsonNode stream, String message) {
		for (JsonNode value : stream.path("values")) {
			String line = value.path(1).asString();
			if (line.contains(message)) {
				return line;
			}
		}
		return null;
	}

	private static HttpServer startFakeLoki() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/loki/api/v1/push", LokiAppenderTests::receive);
			server.start();
			System.setProperty("fake-loki.port", String.valueOf(server.getAddress().getPort()));
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void receive(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
			byte[] bytes = (gzip ? new GZIPInputStream(body) : body).readAllBytes();
			pushes.add(json.readTree(bytes));
		}
		exchange.sendResponseHeaders(204, -1);
		exchange.close();
	}

}
