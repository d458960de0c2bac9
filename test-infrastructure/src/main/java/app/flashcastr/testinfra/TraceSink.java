package app.flashcastr.testinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;

/**
 * Tempo's OTLP/HTTP receiver in miniature: services export their spans to
 * {@link #endpoint()} ({@code TEMPO_HTTP_ENDPOINT}) and tests look at what arrived.
 */
public final class TraceSink implements AutoCloseable {

	private final HttpServer server;

	private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

	private TraceSink(HttpServer server) {
		this.server = server;
	}

	/**
	 * Starts a sink on a free loopback port.
	 * @return the running sink
	 */
	public static TraceSink start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			TraceSink sink = new TraceSink(server);
			server.createContext("/v1/traces", sink::receive);
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.start();
			return sink;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start the trace sink", ex);
		}
	}

	/**
	 * The OTLP/HTTP traces URL.
	 * @return e.g. {@code http://127.0.0.1:41234/v1/traces}
	 */
	public String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	/**
	 * Every span received so far.
	 * @return a snapshot
	 */
	public List<ReceivedSpan> spans() {
		return List.copyOf(this.spans);
	}

	/**
	 * The spans received, grouped by trace id.
	 * @return trace id to its spans
	 */
	public Map<String, List<ReceivedSpan>> traces() {
		return spans().stream().collect(Collectors.groupingBy(ReceivedSpan::traceId));
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())) {
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			InputStream body = exchange.getRequestBody();
			if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
				body = new GZIPInputStream(body);
			}
			ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
			request.getResourceSpansList().forEach((resourceSpans) -> {
				String service = attribute(resourceSpans.getResource(), "service.name");
				resourceSpans.getScopeSpansList()
					.forEach(
							(scope) -> scope.getSpansList()
								.forEach((span) -> this.spans.add(new ReceivedSpan(service,
										hex(span.getTraceId().toByteArray()), hex(span.getSpanId().toByteArray()),
										hex(span.getParentSpanId().toByteArray()), span.getName(),
										span.getKind().name(), attributes(span.getAttributesList())))));
			});
			byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
		}
	}

	private static String attribute(Resource resource, String key) {
		return resource.getAttributesList()
			.stream()
			.filter((attribute) -> attribute.getKey().equals(key))
			.map((attribute) -> attribute.getValue().getStringValue())
			.findFirst()
			.orElse("unknown");
	}

	private static Map<String, String> attributes(List<KeyValue> attributes) {
		return attributes.stream()
			.collect(Collectors.toMap(KeyValue::getKey, (attribute) -> attribute.getValue().getStringValue(),
					(first, second) -> first));
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	/**
	 * One span as exported.
	 *
	 * @param service the exporting service's {@code service.name}
	 * @param traceId 32 hex digits
	 * @param spanId 16 hex digits
	 * @param parentSpanId 16 hex digits, empty for a root span
	 * @param name the span name
	 * @param kind e.g. {@code SPAN_KIND_CLIENT}
	 * @param attributes string attributes
	 */
	public record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
			String kind, Map<String, String> attributes) {
	}

}
