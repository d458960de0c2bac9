package app.flashcastr.api.hardening;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.OperationDefinition;
import graphql.validation.ValidationError;

/**
 * Depth and complexity limits (graphql-java's instrumentations, checked before any data
 * fetcher runs) as one instrumentation, remembering operations that passed. Each check
 * walks the whole operation (12 % of CPU for a single flash); an operation of a document
 * the preparsed-document cache keeps, without {@code @} (so no {@code @skip} or
 * {@code @include} whose variables could change what is selected), selects the same
 * fields on every request, so it passes again without a walk. A refused operation is
 * checked every time.
 */
public final class DocumentLimitsInstrumentation extends SimplePerformantInstrumentation {

	/**
	 * Key of the {@code GraphQLContext} flag ({@code Boolean.TRUE}) a preparsed-document
	 * cache sets when the request's document is one it keeps in memory.
	 */
	public static final String KEPT_DOCUMENT_KEY = DocumentLimitsInstrumentation.class.getName() + ".kept";

	private final String keptDocumentKey;

	private final MaxQueryDepthInstrumentation depth;

	private final MaxQueryComplexityInstrumentation complexity;

	/** Operations that passed, by identity; dropped with their documents. */
	private final Cache<OperationDefinition, Boolean> passed;

	DocumentLimitsInstrumentation(int maxDepth, int maxComplexity, String keptDocumentKey, int maxOperations) {
		this.depth = new MaxQueryDepthInstrumentation(maxDepth);
		this.complexity = new MaxQueryComplexityInstrumentation(maxComplexity);
		this.keptDocumentKey = keptDocumentKey;
		this.passed = Caffeine.newBuilder().weakKeys().maximumSize(maxOperations).build();
	}

	@Override
	public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
		return this.complexity.createStateAsync(parameters);
	}

	@Override
	public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
			InstrumentationState state) {
		return this.complexity.beginValidation(parameters, state);
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		ExecutionContext execution = parameters.getExecutionContext();
		OperationDefinition operation = execution.getOperationDefinition();
		if (operation != null && this.passed.getIfPresent(operation) != null) {
			return SimpleInstrumentationContext.noOp();
		}
		// Each throws AbortExecutionException over its limit.
		this.depth.beginExecuteOperation(parameters, state);
		this.complexity.beginExecuteOperation(parameters, state);
		if (operation != null && remembers(execution)) {
			this.passed.put(operation, Boolean.TRUE);
		}
		return SimpleInstrumentationContext.noOp();
	}

	private boolean remembers(ExecutionContext execution) {
		String query = execution.getExecutionInput().getQuery();
		return Boolean.TRUE.equals(execution.getGraphQLContext().get(this.keptDocumentKey)) && query != null
				&& query.indexOf('@') < 0;
	}

	/** Whether the operation is remembered as within the limits (for tests). */
	boolean remembersPassed(OperationDefinition operation) {
		return this.passed.getIfPresent(operation) != null;
	}

}
