package app.flashcastr.api.errors;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;

import app.flashcastr.observability.logging.Causes;

/**
 * Maps exceptions thrown by data fetchers to classified GraphQL errors:
 * {@link ApiException} to its type, validation failures to {@code BAD_USER_INPUT},
 * anything else to {@code INTERNAL} with a generic message (logged once here, with its
 * cause chain but without a stack trace in the response).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
class ApiExceptionResolver extends DataFetcherExceptionResolverAdapter {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionResolver.class);

	static final String INTERNAL_MESSAGE = "Internal error";

	ApiExceptionResolver() {
		// Blocking data fetchers run on this thread; nothing here blocks.
		setThreadLocalContextAware(false);
	}

	@Override
	protected GraphQLError resolveToSingleError(Throwable thrown, DataFetchingEnvironment env) {
		Throwable ex = unwrap(thrown);
		if (ex instanceof ApiException api) {
			return error(env, api.type(), api.getMessage());
		}
		if (ex instanceof ConstraintViolationException violation) {
			return error(env, ApiErrorType.BAD_USER_INPUT, violationMessage(violation));
		}
		if (ex instanceof ValidationException || ex instanceof BindException) {
			return error(env, ApiErrorType.BAD_USER_INPUT, "Invalid argument");
		}
		logger.error("GraphQL field {} failed: {}", env.getExecutionStepInfo().getPath(), Causes.describe(ex));
		return error(env, ApiErrorType.INTERNAL, INTERNAL_MESSAGE);
	}

	private static GraphQLError error(DataFetchingEnvironment env, ApiErrorType type, String message) {
		return GraphqlErrorBuilder.newError(env).errorType(type).message(message).build();
	}

	private static String violationMessage(ConstraintViolationException violation) {
		return violation.getConstraintViolations()
			.stream()
			.map((v) -> v.getPropertyPath() + ": " + v.getMessage())
			.sorted()
			.reduce((a, b) -> a + "; " + b)
			.orElse("Invalid argument");
	}

	private static Throwable unwrap(Throwable ex) {
		Throwable current = ex;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

}
