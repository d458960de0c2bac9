package app.flashcastr.api.errors;

import java.util.List;
import java.util.concurrent.CompletionException;

import graphql.GraphQLError;
import graphql.Scalars;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.MergedField;
import graphql.execution.ResultPath;
import graphql.language.Field;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;

class ApiExceptionResolverTests {

	private final ApiExceptionResolver resolver = new ApiExceptionResolver();

	@Test
	void apiExceptionsKeepTheirTypeAndMessage() {
		GraphQLError error = resolve(
				new CompletionException(new ApiException(ApiErrorType.NOT_FOUND, "User not found")));
		assertThat(error.getErrorType()).isEqualTo(ApiErrorType.NOT_FOUND);
		assertThat(error.getMessage()).isEqualTo("User not found");
	}

	@Test
	void anythingElseIsInternalWithoutDetails() {
		GraphQLError error = resolve(new DataIntegrityViolationException("SELECT secret FROM flashcastr_users",
				new IllegalStateException()));
		assertThat(error.getErrorType()).isEqualTo(ApiErrorType.INTERNAL);
		assertThat(error.getMessage()).isEqualTo("Internal error");
		assertThat(error.toSpecification().toString()).doesNotContain("SELECT", "Exception");
	}

	private GraphQLError resolve(Throwable ex) {
		DataFetchingEnvironment env = DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
			.executionStepInfo(ExecutionStepInfo.newExecutionStepInfo()
				.type(Scalars.GraphQLString)
				.path(ResultPath.rootPath().segment("users"))
				.build())
			.mergedField(MergedField.newMergedField(Field.newField("users").build()).build())
			.build();
		List<GraphQLError> errors = this.resolver.resolveException(ex, env).block();
		assertThat(errors).hasSize(1);
		return errors.get(0);
	}

}
