package app.flashcastr.devstack;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import app.flashcastr.testinfra.TraceSink.ReceivedSpan;

/**
 * The service graph Tempo's metrics-generator builds from spans
 * ({@code traces_service_graph_request_total{client, server}}): a CLIENT or PRODUCER span
 * paired with a SERVER or CONSUMER span whose parent it is, in another service, makes the
 * edge client → server. INTERNAL spans never make an edge.
 */
final class ServiceGraph {

	private static final Set<String> CALLERS = Set.of("SPAN_KIND_CLIENT", "SPAN_KIND_PRODUCER");

	private static final Set<String> CALLEES = Set.of("SPAN_KIND_SERVER", "SPAN_KIND_CONSUMER");

	private ServiceGraph() {
	}

	/**
	 * The edges the spans make.
	 * @param spans exported spans, of any traces
	 * @return the edges, client → server
	 */
	static Set<Edge> edges(List<ReceivedSpan> spans) {
		Map<String, ReceivedSpan> callers = spans.stream()
			.filter((span) -> CALLERS.contains(span.kind()))
			.collect(Collectors.toMap((span) -> span.traceId() + "/" + span.spanId(), Function.identity(),
					(first, second) -> first));
		return spans.stream()
			.filter((span) -> CALLEES.contains(span.kind()) && !span.parentSpanId().isEmpty())
			.map((server) -> {
				ReceivedSpan client = callers.get(server.traceId() + "/" + server.parentSpanId());
				return (client != null && !client.service().equals(server.service()))
						? new Edge(client.service(), server.service()) : null;
			})
			.filter((edge) -> edge != null)
			.collect(Collectors.toSet());
	}

	/**
	 * One edge of the service map.
	 *
	 * @param client the calling (publishing) service
	 * @param server the called (consuming) service
	 */
	record Edge(String client, String server) {
	}

}
