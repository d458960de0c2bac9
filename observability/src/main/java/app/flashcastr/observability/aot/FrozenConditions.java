package app.flashcastr.observability.aot;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcomes;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.ClassUtils;

import app.flashcastr.observability.aot.FrozenCondition.Kind;

/**
 * The conditions on properties that Spring AOT evaluated when the jar was built, written
 * into the jar ({@link #RESOURCE}) and compared with the environment of each start.
 */
public final class FrozenConditions {

	/** Where the jar carries them, one {@link FrozenCondition#line} per condition. */
	public static final String RESOURCE = "META-INF/flashcastr/frozen-conditions.tsv";

	/**
	 * Boot's conditions on the class path and on other beans (package-private there):
	 * what they leave out stays out whatever this source's own settings say.
	 */
	private static final Set<String> DECIDED_ELSEWHERE = Set.of(
			"org.springframework.boot.autoconfigure.condition.OnClassCondition",
			"org.springframework.boot.autoconfigure.condition.OnBeanCondition");

	private FrozenConditions() {
	}

	/**
	 * Every property condition the report evaluated (on classes and on bean methods), and
	 * Boot's conditions on properties that carry no property annotation.
	 * @param report the build's condition evaluation report
	 * @param classLoader loads the classes the report names
	 * @return the conditions, each once
	 */
	static List<FrozenCondition> collect(ConditionEvaluationReport report, ClassLoader classLoader) {
		Set<FrozenCondition> conditions = new LinkedHashSet<>();
		report.getConditionAndOutcomesBySource().forEach((source, outcomes) -> {
			if (!leftOutElsewhere(outcomes)) {
				annotated(source, classLoader).forEach((element) -> conditions.addAll(of(element)));
			}
		});
		conditions.addAll(FrozenCondition.BOOT_INTERNAL);
		conditions.removeIf((condition) -> FrozenCondition.READ_AGAIN_AT_RUN_TIME.contains(condition.property()));
		return List.copyOf(conditions);
	}

	/**
	 * Whether a class or bean condition left the source out: its property conditions then
	 * decide nothing (the other beans' own conditions are checked), and reading its
	 * annotations would only log the types the build lacks.
	 */
	private static boolean leftOutElsewhere(ConditionAndOutcomes outcomes) {
		for (ConditionAndOutcome outcome : outcomes) {
			if (DECIDED_ELSEWHERE.contains(outcome.getCondition().getClass().getName())
					&& !outcome.getOutcome().isMatch()) {
				return true;
			}
		}
		return false;
	}

	/** The property conditions on a class or a method, composed ones included. */
	static List<FrozenCondition> of(AnnotatedElement element) {
		List<FrozenCondition> conditions = new ArrayList<>();
		MergedAnnotations annotations = MergedAnnotations.from(element);
		annotations.stream(ConditionalOnProperty.class)
			.forEach((annotation) -> names(annotation)
				.forEach((name) -> conditions.add(new FrozenCondition(Kind.PROPERTY, name,
						annotation.getString("havingValue"), annotation.getBoolean("matchIfMissing")))));
		annotations.stream(ConditionalOnBooleanProperty.class)
			.forEach((annotation) -> names(annotation).forEach((name) -> conditions
				.add(new FrozenCondition(Kind.BOOLEAN, name, String.valueOf(annotation.getBoolean("havingValue")),
						annotation.getBoolean("matchIfMissing")))));
		return conditions;
	}

	private static List<String> names(MergedAnnotation<?> annotation) {
		String prefix = annotation.getString("prefix").trim();
		if (!prefix.isEmpty() && !prefix.endsWith(".")) {
			prefix = prefix + ".";
		}
		String[] names = annotation.getStringArray("name");
		if (names.length == 0) {
			names = annotation.getStringArray("value");
		}
		String thePrefix = prefix;
		return Arrays.stream(names).map((name) -> thePrefix + name).toList();
	}

	/** A report's source: a class name, or {@code Class#method} for a bean method. */
	private static Stream<AnnotatedElement> annotated(String source, ClassLoader classLoader) {
		int hash = source.indexOf('#');
		String className = (hash < 0) ? source : source.substring(0, hash);
		Class<?> type;
		try {
			type = ClassUtils.forName(className, classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			// A class the build cannot load was left out by its class condition.
			return Stream.empty();
		}
		if (hash < 0) {
			return Stream.of(type);
		}
		String method = source.substring(hash + 1);
		return Arrays.stream(type.getDeclaredMethods())
			.filter((candidate) -> candidate.getName().equals(method))
			.map(AnnotatedElement.class::cast);
	}

	/**
	 * The file the jar carries: each condition with what it saw in the build's
	 * environment.
	 */
	static String write(List<FrozenCondition> conditions, PropertyResolver environment) {
		StringBuilder file = new StringBuilder();
		conditions.forEach((condition) -> file.append(condition.line(condition.seenIn(environment))).append('\n'));
		return file.toString();
	}

	/**
	 * Conditions that would decide otherwise in this environment than in the build's.
	 * @param file the file the jar carries
	 * @param environment this start's environment
	 * @return one line per condition, naming the property and both readings
	 */
	static List<String> mismatches(String file, PropertyResolver environment) {
		List<String> mismatches = new ArrayList<>();
		file.lines().filter((line) -> !line.isBlank()).map(FrozenCondition::parse).forEach((built) -> {
			String now = built.condition().seenIn(environment);
			if (!now.equals(built.seen())) {
				mismatches.add("%s: %s when the jar was built, %s now".formatted(built.condition().property(),
						built.seen(), now));
			}
		});
		return mismatches;
	}

}
