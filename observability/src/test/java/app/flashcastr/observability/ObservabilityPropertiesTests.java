package app.flashcastr.observability;

import org.junit.jupiter.api.Test;

import app.flashcastr.observability.metrics.ServiceMeters;
import app.flashcastr.observability.metrics.ServiceMetricsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service without a valid metric prefix does not start, and says which property to set.
 */
class ObservabilityPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, ServiceMetricsAutoConfiguration.class));

	@Test
	void validPrefixGivesServiceMeters() {
		this.runner.withPropertyValues("flashcastr.observability.metric-prefix=invaders_bot").run((context) -> {
			assertThat(context.getBean(ServiceMeters.class).name("flashes_new")).isEqualTo("invaders_bot_flashes_new");
			assertThat(context.getBean(ObservabilityProperties.class).maxTagValuesPerMeter()).isEqualTo(100);
			assertThat(context.getBean(ObservabilityProperties.class).readinessDependencies()).containsExactly("db",
					"rabbit");
		});
	}

	@Test
	void missingPrefixFailsStartup() {
		this.runner.run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.hasMessageContaining("flashcastr.observability.metric-prefix"));
	}

	@Test
	void invalidPrefixFailsStartup() {
		this.runner.withPropertyValues("flashcastr.observability.metric-prefix=Invaders-Bot")
			.run((context) -> assertThat(context).hasFailed());
	}

}
