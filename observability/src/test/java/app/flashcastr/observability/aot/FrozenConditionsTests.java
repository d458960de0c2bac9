package app.flashcastr.observability.aot;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import app.flashcastr.observability.aot.FrozenCondition.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Spring AOT's conditions saw at build time, read as Boot's conditions read it, and
 * compared with a later start's settings.
 */
class FrozenConditionsTests {

	@Test
	void propertyConditionsAreReadOffClassesAndBeanMethods() throws Exception {
		assertThat(FrozenConditions.of(Conditioned.class)).containsExactly(
				new FrozenCondition(Kind.PROPERTY, "flashcastr.demo.mode", "fast", false),
				new FrozenCondition(Kind.BOOLEAN, "flashcastr.demo.enabled", "true", true));
		assertThat(FrozenConditions.of(Conditioned.class.getDeclaredMethod("bean")))
			.containsExactly(new FrozenCondition(Kind.PROPERTY, "flashcastr.demo.url", "", false));
	}

	@Test
	void aClassLeftOutForAMissingClassIsNotRead() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.register(Conditioned.class, MissingLibrary.class);
		context.refresh();
		ConditionEvaluationReport report = ConditionEvaluationReport.get(context.getBeanFactory());
		context.close();

		assertThat(report.getConditionAndOutcomesBySource()).containsKey(MissingLibrary.class.getName());
		assertThat(FrozenConditions.collect(report, getClass().getClassLoader())).map(FrozenCondition::property)
			.contains("flashcastr.demo.mode")
			.doesNotContain("flashcastr.missing.enabled");
	}

	@Test
	void eachKindIsReadAsBootReadsIt() {
		MockEnvironment environment = new MockEnvironment();
		FrozenCondition present = new FrozenCondition(Kind.PROPERTY, "a.url", "", false);
		FrozenCondition having = new FrozenCondition(Kind.PROPERTY, "a.mode", "fast", true);
		FrozenCondition bool = new FrozenCondition(Kind.BOOLEAN, "a.enabled", "true", false);
		FrozenCondition port = new FrozenCondition(Kind.MANAGEMENT_PORT, "management.server.port", "", false);
		FrozenCondition list = new FrozenCondition(Kind.VALUE, "a.include", "", false);

		assertThat(List.of(present, having, bool, port, list)).map((condition) -> condition.seenIn(environment))
			.containsExactly("false", "true", "false", "same", "(unset)");

		environment.withProperty("a.url", "http://one")
			.withProperty("a.mode", "SLOW")
			.withProperty("a.enabled", "TRUE")
			.withProperty("server.port", "4000")
			.withProperty("management.server.port", "9092")
			.withProperty("a.include", "prometheus, health");
		assertThat(List.of(present, having, bool, port, list)).map((condition) -> condition.seenIn(environment))
			.containsExactly("true", "false", "true", "different", "health,prometheus");

		environment.withProperty("a.url", "false").withProperty("management.server.port", "-1");
		assertThat(present.seenIn(environment)).isEqualTo("false");
		assertThat(port.seenIn(environment)).isEqualTo("disabled");
	}

	@Test
	void aStartIsComparedByWhatTheConditionsDecideNotByRawValues() {
		List<FrozenCondition> conditions = List.of(
				new FrozenCondition(Kind.PROPERTY, "management.opentelemetry.tracing.export.otlp.endpoint", "", false),
				new FrozenCondition(Kind.BOOLEAN, "spring.threads.virtual.enabled", "true", false));
		String file = FrozenConditions.write(conditions, new MockEnvironment()
			.withProperty("management.opentelemetry.tracing.export.otlp.endpoint", "http://localhost:4318/v1/traces"));

		// Another endpoint: the condition (is one set?) decides the same.
		assertThat(FrozenConditions.mismatches(file, new MockEnvironment()
			.withProperty("management.opentelemetry.tracing.export.otlp.endpoint", "http://tempo:4318/v1/traces")))
			.isEmpty();
		assertThat(FrozenConditions.mismatches(file,
				new MockEnvironment().withProperty("spring.threads.virtual.enabled", "true")))
			.containsExactly(
					"management.opentelemetry.tracing.export.otlp.endpoint: true when the jar was built, false now",
					"spring.threads.virtual.enabled: false when the jar was built, true now");
	}

	@ConditionalOnProperty(prefix = "flashcastr.demo", name = "mode", havingValue = "fast")
	@ConditionalOnBooleanProperty(name = "flashcastr.demo.enabled", matchIfMissing = true)
	static class Conditioned {

		@ConditionalOnProperty("flashcastr.demo.url")
		Object bean() {
			return new Object();
		}

	}

	@ConditionalOnClass(name = "com.example.AbsentLibrary")
	@ConditionalOnBooleanProperty("flashcastr.missing.enabled")
	static class MissingLibrary {

	}

}
