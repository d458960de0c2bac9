package app.flashcastr.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A GraphQL request is one observation, the HTTP server's: it continues the caller's
 * trace, names the operation on its span, and no {@code graphql.request} observation runs
 * beside it.
 */
@CoreApiTest
class OneObservationPerRequestTests extends CoreApiTestSupport {

	/** Traces this class starts: the handler keeps only their observations. */
	private static final String TRACES = "0b5e7a7e0b5e7a7e";

	private static final String TRACE_ID = TRACES + "a3ce929d0e0e4736";

	/**
	 * The observations of this class's traces, stopped since its handler was attached.
	 */
	private static final ConcurrentLinkedQueue<Observation.Context> stopped = new ConcurrentLinkedQueue<>();

	private static final AtomicBoolean attached = new AtomicBoolean();

	OneObservationPerRequestTests(@LocalServerPort int port, JdbcClient jdbc, ObservationRegistry registry) {
		super(port, jdbc);
		// The context is shared with other classes: one handler, and it keeps nothing of
		// theirs.
		if (attached.compareAndSet(false, true)) {
			registry.observationConfig().observationHandler(new ObservationHandler<>() {
				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

				@Override
				public void onStop(Observation.Context context) {
					String traceId = traceIdOf(context);
					if (traceId != null && traceId.startsWith(TRACES)) {
						stopped.add(context);
					}
				}
			});
		}
	}

	@Test
	void theHttpObservationContinuesTheCallersTraceAndNamesTheOperation() {
		this.graphQl.mutate()
			.header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
			.build()
			.document("query FlashesOfAUser($fid: Int) { flashes(fid: $fid, limit: 2) { flash_id } }")
			.variable("fid", 101)
			.execute()
			.path("flashes")
			.entityList(Map.class)
			.hasSize(2);

		ServerRequestObservationContext http = awaitHttpObservationOf(TRACE_ID);
		assertThat(highCardinality(http)).containsEntry("graphql.operation.type", "query")
			.containsEntry("graphql.operation.name", "FlashesOfAUser")
			.containsEntry("graphql.outcome", "success");
		// Span attributes only: the HTTP timer's series keep their labels.
		assertThat(http.getLowCardinalityKeyValues().stream().map(KeyValue::getKey))
			.doesNotContain("graphql.operation.name");
		assertThat(stopped).extracting(Observation.Context::getName).doesNotContain("graphql.request");
	}

	@Test
	void aRequestWithErrorsIsMarkedOnItsSpan() {
		String traceId = TRACES + "b3ce929d0e0e4736";
		this.graphQl.mutate()
			.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
			.build()
			.document("query Broken { globalFlash(flash_id: \"not-a-number\") { flash_id } }")
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).isNotEmpty());

		ServerRequestObservationContext http = awaitHttpObservationOf(traceId);
		assertThat(highCardinality(http)).containsEntry("graphql.operation.name", "Broken")
			.containsEntry("graphql.outcome", "error");
	}

	private ServerRequestObservationContext awaitHttpObservationOf(String traceId) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> httpObservationsOf(traceId), (found) -> !found.isEmpty())
			.get(0);
	}

	private List<ServerRequestObservationContext> httpObservationsOf(String traceId) {
		return stopped.stream()
			.filter(ServerRequestObservationContext.class::isInstance)
			.map(ServerRequestObservationContext.class::cast)
			.filter((context) -> traceId.equals(traceIdOf(context)))
			.toList();
	}

	private static String traceIdOf(Observation.Context context) {
		TracingContext tracing = context.get(TracingContext.class);
		return (tracing != null && tracing.getSpan() != null) ? tracing.getSpan().context().traceId() : null;
	}

	private static Map<String, String> highCardinality(Observation.Context context) {
		return context.getHighCardinalityKeyValues()
			.stream()
			.collect(java.util.stream.Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
	}

}
