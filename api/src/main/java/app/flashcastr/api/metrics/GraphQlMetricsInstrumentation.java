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

import org.springframework.stereotype.Component;

/**
 * Feeds {@link GraphQlMetrics} from graphql-java: the duration runs from the start of
 * execution to the completed result. The operation is read where graphql-java knows it:
 * from the execution context when the operation runs, from the document being validated,
 * or, for a document the preparsed-document cache answered with validation errors, from
 * the document that cache left in the request's context
 * ({@link GraphQlMetrics#DOCUMENT_CONTEXT_KEY}). A cached document is never validated
 * again, so validation alone left most requests {@code unknown}.
 */
@Component
class GraphQlMetricsInstrumentation extends SimplePerformantInstrumentation {

	private final GraphQlMetrics metrics;

	GraphQlMetricsInstrumentation(GraphQlMetrics metrics) {
		this.metrics = metrics;
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
		return SimpleInstrumentationContext.whenCompleted((result, failure) -> {
			request.resolveFromContext();
			this.metrics.record(request.type, request.name, Duration.ofNanos(System.nanoTime() - start),
					failure != null || (result != null && !result.getErrors().isEmpty()));
		});
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
