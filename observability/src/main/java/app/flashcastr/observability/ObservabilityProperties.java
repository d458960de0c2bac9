package app.flashcastr.observability;

import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every service gives the observability module, under
 * {@code flashcastr.observability}.
 *
 * @param metricPrefix Prometheus prefix of the service's own meters, e.g.
 * {@code invaders_bot}; required, lower case letters, digits and underscores
 * @param maxTagValuesPerMeter distinct tag combinations one prefixed meter name may have
 * before new ones are denied
 * @param readinessDependencies health contributors that join the readiness group when the
 * service has them (absent ones are ignored); liveness never includes them
 */
@Validated
@ConfigurationProperties("flashcastr.observability")
public record ObservabilityProperties(
		@NotBlank(message = PREFIX_REQUIRED) @Pattern(regexp = METRIC_PREFIX) String metricPrefix,
		@DefaultValue("100") @Min(1) int maxTagValuesPerMeter, List<String> readinessDependencies) {

	/** Startup failure message when the prefix is missing. */
	static final String PREFIX_REQUIRED = "set flashcastr.observability.metric-prefix, e.g. invaders_bot";

	/** What a metric prefix may look like. */
	public static final String METRIC_PREFIX = "[a-z][a-z0-9_]*";

	/**
	 * Readiness dependencies when none are configured: the database and the broker, where
	 * they exist.
	 */
	public static final List<String> DEFAULT_READINESS_DEPENDENCIES = List.of("db", "rabbit");

	public ObservabilityProperties {
		// Defaulted here: spring-javaformat mangles an array-valued @DefaultValue in a
		// record header.
		readinessDependencies = (readinessDependencies != null) ? List.copyOf(readinessDependencies)
				: DEFAULT_READINESS_DEPENDENCIES;
	}

}
