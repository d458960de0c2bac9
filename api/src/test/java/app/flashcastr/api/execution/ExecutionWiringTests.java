package app.flashcastr.api.execution;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import graphql.GraphQL;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.LightDataFetcher;

import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Repository;

import app.flashcastr.api.CoreApiTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine as configured: one instrumentation that skips per-field hooks nobody uses,
 * and plain fields read by {@link RecordComponentFetcher} (answers are checked by the
 * query tests).
 */
@CoreApiTest
class ExecutionWiringTests {

	private final GraphQlSource source;

	private final ApplicationContext context;

	ExecutionWiringTests(GraphQlSource source, ApplicationContext context) {
		this.source = source;
		this.context = context;
	}

	@Test
	void repositoriesAreCalledWithoutAProxy() {
		Map<String, Object> repositories = this.context.getBeansWithAnnotation(Repository.class);
		assertThat(repositories).isNotEmpty();
		assertThat(repositories.values()).noneMatch(AopUtils::isAopProxy);
	}

	@Test
	void plainFieldsAreReadFromRecordComponents() {
		GraphQLSchema schema = this.source.schema();
		GraphQLCodeRegistry registry = schema.getCodeRegistry();
		GraphQLObjectType flash = schema.getObjectType("Flash");
		DataFetcher<?> city = registry.getDataFetcher(FieldCoordinates.coordinates("Flash", "city"),
				flash.getFieldDefinition("city"));
		assertThat(city).isInstanceOf(RecordComponentFetcher.class).isInstanceOf(LightDataFetcher.class);
		GraphQLObjectType link = schema.getObjectType("FlashcastrFlash");
		assertThat(registry.getDataFetcher(FieldCoordinates.coordinates("FlashcastrFlash", "flash"),
				link.getFieldDefinition("flash")))
			.isInstanceOf(RecordComponentFetcher.class);
	}

	@Test
	void theConfiguredInstrumentationsRunWithoutPerFieldHooks() {
		GraphQL graphQl = this.source.graphQl();
		assertThat(graphQl.getInstrumentation()).isInstanceOf(OperationLevelInstrumentation.class);
		OperationLevelInstrumentation instrumentation = (OperationLevelInstrumentation) graphQl.getInstrumentation();
		List<Instrumentation> members = instrumentation.getInstrumentations();
		assertThat(members).extracting((member) -> member.getClass().getSimpleName())
			.contains("DocumentLimitsInstrumentation", "GraphQlMetricsInstrumentation", "LiteralArguments")
			.doesNotContain("GraphQlObservationInstrumentation");
		assertThat(instrumentation.callsPerFieldHooks()).isFalse();
	}

	@Test
	void aMemberWithAPerFieldHookIsStillCalled() {
		Instrumentation perField = new SimplePerformantInstrumentation() {
			@Override
			public InstrumentationContext<Object> beginFieldExecution(InstrumentationFieldParameters parameters,
					InstrumentationState state) {
				return null;
			}
		};
		assertThat(OperationLevelInstrumentation.overridesPerFieldHook(perField)).isTrue();
		assertThat(OperationLevelInstrumentation.overridesPerFieldHook(new SimplePerformantInstrumentation()))
			.isFalse();
		assertThat(new OperationLevelInstrumentation(List.of(new SimplePerformantInstrumentation(), perField))
			.callsPerFieldHooks()).isTrue();
	}

}
