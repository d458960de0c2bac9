package app.flashcastr.api.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.OperationDefinition;
import graphql.validation.ValidationError;

import org.springframework.stereotype.Component;

/**
 * Feeds {@link GraphQlMetrics} from graphql-java: the operation is read from the parsed
 * document (so requests rejected by validation, depth or complexity limits still count),
 * the duration runs from the start of execution to the completed result.
 */
@Component
class GraphQlMetricsInstrumentation extends SimplePerformantInstrumentation {

	private final GraphQlMetrics metrics;

	GraphQlMetricsInstrumentation(GraphQlMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
		return CompletableFuture.completedFuture(new RequestState(parameters.getExecutionInput().getOperationName()));
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
			InstrumentationState state) {
		if (!(state instanceof RequestState request)) {
			return SimpleInstrumentationContext.noOp();
		}
		long start = System.nanoTime();
		return SimpleInstrumentationContext.whenCompleted((result, failure) -> this.metrics.record(request.type,
				request.name, Duration.ofNanos(System.nanoTime() - start),
				failure != null || (result != null && !result.getErrors().isEmpty())));
	}

	@Override
	public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
			InstrumentationState state) {
		if (state instanceof RequestState request) {
			OperationDefinition operation = find(
					parameters.getDocument().getDefinitionsOfType(OperationDefinition.class),
					parameters.getOperation());
			if (operation != null) {
				request.type = operation.getOperation().name().toLowerCase(Locale.ROOT);
				request.name = operation.getName();
			}
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

		private volatile String type = GraphQlMetrics.UNKNOWN_TYPE;

		private volatile String name;

		RequestState(String requestedName) {
			this.name = requestedName;
		}

	}

}
