package app.flashcastr.api.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.validation.ValidationError;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.stereotype.Component;

/**
 * Feeds {@link GraphQlMetrics} from graphql-java: the duration runs from the start of
 * execution to the completed result. The operation is read where graphql-java knows it:
 * from the execution context when the operation runs, from the document being validated,
 * or, for a document the preparsed-document cache answered with validation errors, from
 * the document that cache left in the request's context
 * ({@link GraphQlMetrics#DOCUMENT_CONTEXT_KEY}). A cached document is never validated
 * again, so validation alone left most requests {@code unknown}.
 * <p>
 * The operation is also written on the request's HTTP observation (its span's
 * {@code graphql.operation.*} attributes): that is the request's one observation, since
 * Spring GraphQL's own {@code graphql.request} observation is off (see
 * {@code ApiApplication}).
 */
@Component
class GraphQlMetricsInstrumentation extends SimplePerformantInstrumentation {

	static final String OPERATION_TYPE = "graphql.operation.type";

	static final String OPERATION_NAME = "graphql.operation.name";

	static final String OUTCOME = "graphql.outcome";

	private final GraphQlMetrics metrics;

	private final ObservationRegistry observations;

	GraphQlMetricsInstrumentation(GraphQlMetrics metrics, ObservationRegistry observations) {
		this.metrics = metrics;
		this.observations = observations;
	}

	@Override
	public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
		return CompletableFuture.completedFuture(new RequestState(parameters.getExecutionInput()));
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
			InstrumentationState state) {
		if (!(state instanceof RequestState request)) {
			return SimpleInstrumentationContext.noOp();
		}
		long start = System.nanoTime();
		// Taken here, on the thread that runs the request: completion may come on
		// another.
		Observation transport = this.observations.getCurrentObservation();
		return SimpleInstrumentationContext.whenCompleted((result, failure) -> {
			request.resolveFromContext();
			boolean failed = failure != null || (result != null && !result.getErrors().isEmpty());
			this.metrics.record(request.type, request.name, Duration.ofNanos(System.nanoTime() - start), failed);
			if (transport != null && !transport.isNoop()) {
				describe(transport, request, failed);
			}
		});
	}

	/**
	 * Span attributes only (high cardinality): the HTTP timer's series stay as they are.
	 */
	private static void describe(Observation transport, RequestState request, boolean failed) {
		transport.highCardinalityKeyValue(KeyValue.of(OPERATION_TYPE, request.type));
		if (request.name != null) {
			transport.highCardinalityKeyValue(KeyValue.of(OPERATION_NAME, request.name));
		}
		transport.highCardinalityKeyValue(KeyValue.of(OUTCOME, failed ? "error" : "success"));
	}

	@Override
	public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
			InstrumentationState state) {
		if (state instanceof RequestState request) {
			request.resolve(parameters.getDocument(), parameters.getOperation());
		}
		return SimpleInstrumentationContext.noOp();
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		if (state instanceof RequestState request) {
			// The operation graphql-java really runs, cached document or not.
			request.known(parameters.getExecutionContext().getOperationDefinition());
		}
		return SimpleInstrumentationContext.noOp();
	}

	private static OperationDefinition find(List<OperationDefinition> operations, String name) {
		if (name == null || name.isEmpty()) {
			return (operations.size() == 1) ? operations.get(0) : null;
		}
		return operations.stream().filter((op) -> name.equals(op.getName())).findFirst().orElse(null);
	}

	/** What is known of one request's operation so far. */
	private static final class RequestState implements InstrumentationState {

		private final ExecutionInput input;

		private volatile boolean resolved;

		private volatile String type = GraphQlMetrics.UNKNOWN_TYPE;

		private volatile String name;

		RequestState(ExecutionInput input) {
			this.input = input;
			this.name = input.getOperationName();
		}

		void resolve(Document document, String operationName) {
			if (document != null) {
				known(find(document.getDefinitionsOfType(OperationDefinition.class), operationName));
			}
		}

		void known(OperationDefinition operation) {
			if (operation != null) {
				this.type = operation.getOperation().name().toLowerCase(Locale.ROOT);
				this.name = operation.getName();
				this.resolved = true;
			}
		}

		void resolveFromContext() {
			if (!this.resolved && this.input.getGraphQLContext() != null) {
				resolve(this.input.getGraphQLContext().get(GraphQlMetrics.DOCUMENT_CONTEXT_KEY),
						this.input.getOperationName());
			}
		}

	}

}
