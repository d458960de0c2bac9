package app.flashcastr.observability.aot;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.env.PropertyResolver;

/**
 * One property a condition reads, and how the condition reads it.
 *
 * @param kind how the value is read
 * @param property the property's full name
 * @param havingValue the value the condition asks for ({@code ""}: any but {@code false})
 * @param matchIfMissing whether the condition matches when the property is not set
 */
record FrozenCondition(Kind kind, String property, String havingValue, boolean matchIfMissing) {

	/** The kinds of condition, each reading the property as Boot's does. */
	enum Kind {

		/** {@code @ConditionalOnProperty}. */
		PROPERTY,
		/** {@code @ConditionalOnBooleanProperty}. */
		BOOLEAN,
		/** {@code @ConditionalOnManagementPort}: same, different or disabled. */
		MANAGEMENT_PORT,
		/** Conditions that read a list, such as endpoint exposure: the value itself. */
		VALUE

	}

	/** Conditions Boot evaluates on properties without a property annotation. */
	static final List<FrozenCondition> BOOT_INTERNAL = List.of(
			new FrozenCondition(Kind.MANAGEMENT_PORT, "management.server.port", "", false),
			new FrozenCondition(Kind.BOOLEAN, "spring.threads.virtual.enabled", "true", false),
			new FrozenCondition(Kind.BOOLEAN, "management.tracing.export.enabled", "true", true),
			new FrozenCondition(Kind.BOOLEAN, "management.tracing.export.otlp.enabled", "true", true),
			new FrozenCondition(Kind.VALUE, "management.endpoints.web.exposure.include", "", false),
			new FrozenCondition(Kind.VALUE, "management.endpoints.web.exposure.exclude", "", false));

	/**
	 * Properties whose conditions the services' own code reads again at run time
	 * ({@code SchemaMigrationAutoConfiguration}: the AOT-cache training run turns
	 * migrations off).
	 */
	static final Set<String> READ_AGAIN_AT_RUN_TIME = Set.of("spring.flyway.enabled");

	/**
	 * What the condition sees in this environment.
	 * @param environment the environment
	 * @return {@code true}/{@code false} for a property test, the port type or the
	 * normalized value otherwise
	 */
	String seenIn(PropertyResolver environment) {
		String value = environment.getProperty(this.property);
		return switch (this.kind) {
			case PROPERTY ->
				String.valueOf((value != null) ? (this.havingValue.isEmpty() ? !"false".equalsIgnoreCase(value.trim())
						: this.havingValue.equalsIgnoreCase(value.trim())) : this.matchIfMissing);
			case BOOLEAN ->
				String.valueOf((value != null) ? this.havingValue.equalsIgnoreCase(value.trim()) : this.matchIfMissing);
			case MANAGEMENT_PORT -> managementPortType(environment);
			case VALUE -> (value != null) ? normalized(value) : "(unset)";
		};
	}

	private static String managementPortType(PropertyResolver environment) {
		Integer management = environment.getProperty("management.server.port", Integer.class);
		Integer server = environment.getProperty("server.port", Integer.class);
		if (management != null && management < 0) {
			return "disabled";
		}
		boolean same = management == null || (server == null && management == 8080)
				|| (management != 0 && management.equals(server));
		return same ? "same" : "different";
	}

	private static String normalized(String list) {
		return String.join(",",
				Arrays.stream(list.split(",")).map((item) -> item.trim().toLowerCase(Locale.ROOT)).sorted().toList());
	}

	/** One line of the file the jar carries: the fields and what the build saw. */
	String line(String seen) {
		return String.join("\t", this.kind.name(), this.property, this.havingValue, String.valueOf(this.matchIfMissing),
				seen);
	}

	/**
	 * Reads a line written by {@link #line}.
	 * @return the condition and, last, what the build saw
	 */
	static Built parse(String line) {
		String[] fields = line.split("\t", -1);
		if (fields.length != 5) {
			throw new IllegalStateException("Malformed line in " + FrozenConditions.RESOURCE + ": " + line);
		}
		return new Built(
				new FrozenCondition(Kind.valueOf(fields[0]), fields[1], fields[2], Boolean.parseBoolean(fields[3])),
				fields[4]);
	}

	/** A condition with what it saw when the jar was built. */
	record Built(FrozenCondition condition, String seen) {
	}

}
