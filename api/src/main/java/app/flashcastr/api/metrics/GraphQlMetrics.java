package app.flashcastr.api.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * Records one GraphQL request: {@code flashcastr_api_graphql_requests_total},
 * {@code _graphql_errors_total} and {@code _graphql_duration_seconds}, labelled by
 * operation type and (bounded) operation name.
 */
@Component
public class GraphQlMetrics {

	/** Buckets of the contract, in seconds. */
	static final double[] DURATION_BUCKETS = { 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 };

	/** The operation type when the document could not be parsed or had no operation. */
	public static final String UNKNOWN_TYPE = "unknown";

	/**
	 * Key under which a preparsed-document cache puts the parsed
	 * {@link graphql.language.Document} into the request's {@code GraphQLContext}, so a
	 * request answered from it with validation errors still counts under its operation.
	 */
	public static final String DOCUMENT_CONTEXT_KEY = GraphQlMetrics.class.getName() + ".document";

	private final ServiceMeters meters;

	private final OperationNames names;

	private final Map<String, OperationMeters> byOperation = new ConcurrentHashMap<>();

	GraphQlMetrics(ServiceMeters meters, MetricsProperties properties) {
		this.meters = meters;
		this.names = new OperationNames(properties.maxOperationNames());
	}

	/**
	 * Records a finished request.
	 * @param type {@code query}, {@code mutation}, {@code subscription} or
	 * {@link #UNKNOWN_TYPE}
	 * @param name the operation name as the client gave it, or null
	 * @param duration how long the request took
	 * @param failed whether the response carried errors
	 */
	public void record(String type, String name, Duration duration, boolean failed) {
		String label = this.names.label(type, name);
		OperationMeters operation = this.byOperation.computeIfAbsent(type + ' ' + label, (key) -> create(type, label));
		operation.requests().increment();
		operation.duration().record(duration);
		if (failed) {
			operation.errors().increment();
		}
	}

	private OperationMeters create(String type, String label) {
		String[] tags = { "operation_type", type, "operation_name", label };
		return new OperationMeters(this.meters.counter("graphql_requests", "GraphQL requests", tags),
				this.meters.counter("graphql_errors", "GraphQL requests that returned errors", tags),
				this.meters.histogram("graphql_duration", "GraphQL request duration", DURATION_BUCKETS, tags));
	}

	private record OperationMeters(Counter requests, Counter errors, Timer duration) {
	}

}
