package app.flashcastr.consumer;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The old names of the renamed batch variables, as a deployment sets them: through the
 * consumer's {@code application.yml}, in a real (auto-configuration free) start-up.
 */
@ExtendWith(OutputCaptureExtension.class)
class RenamedVariablesTests {

	@Test
	void theOldNamesStillSetTheirSettingsWithAWarningNamingTheNewOnes(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(
				Map.of("BATCH_SIZE", "7", "CONSUMER_BATCH_SIZE", "16", "CONSUMER_BATCH_WAIT", "5ms"))) {
			Environment environment = context.getEnvironment();
			assertThat(environment.getProperty("invaders.consumer.store.batch-size")).isEqualTo("7");
			assertThat(environment.getProperty("spring.rabbitmq.listener.simple.batch-size")).isEqualTo("16");
			assertThat(environment.getProperty("invaders.consumer.intake.batch-wait")).isEqualTo("5ms");
		}
		assertThat(output).contains("BATCH_SIZE is deprecated: set STORE_BATCH_SIZE instead")
			.contains("CONSUMER_BATCH_SIZE is deprecated: set INTAKE_BATCH_SIZE instead")
			.contains("CONSUMER_BATCH_WAIT is deprecated: set INTAKE_BATCH_WAIT instead");
	}

	@Test
	void theNewNamesSetTheSameSettings(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(
				Map.of("STORE_BATCH_SIZE", "9", "INTAKE_BATCH_SIZE", "32", "INTAKE_BATCH_WAIT", "7ms"))) {
			Environment environment = context.getEnvironment();
			assertThat(environment.getProperty("invaders.consumer.store.batch-size")).isEqualTo("9");
			assertThat(environment.getProperty("spring.rabbitmq.listener.simple.batch-size")).isEqualTo("32");
			assertThat(environment.getProperty("invaders.consumer.intake.batch-wait")).isEqualTo("7ms");
		}
		assertThat(output).doesNotContain("is deprecated").doesNotContain("is ignored");
	}

	@Test
	void theNewNameWinsWhenBothAreSet(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(Map.of("STORE_BATCH_SIZE", "9", "BATCH_SIZE", "7"))) {
			assertThat(context.getEnvironment().getProperty("invaders.consumer.store.batch-size")).isEqualTo("9");
		}
		assertThat(output).contains("BATCH_SIZE is ignored: STORE_BATCH_SIZE, its new name, is set too");
	}

	@Test
	void withNeitherNameTheDefaultsHold() {
		try (ConfigurableApplicationContext context = start(Map.of())) {
			Environment environment = context.getEnvironment();
			assertThat(environment.getProperty("invaders.consumer.store.batch-size")).isEqualTo("200");
			assertThat(environment.getProperty("spring.rabbitmq.listener.simple.batch-size")).isEqualTo("64");
			assertThat(environment.getProperty("invaders.consumer.intake.batch-wait")).isEqualTo("20ms");
		}
	}

	/** A start-up whose environment variables are exactly these. */
	private static ConfigurableApplicationContext start(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		SpringApplication application = new SpringApplication(NoBeans.class);
		application.setEnvironment(environment);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		return application.run();
	}

	@Configuration(proxyBeanMethods = false)
	static class NoBeans {

	}

}
