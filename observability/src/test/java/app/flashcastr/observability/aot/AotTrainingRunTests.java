package app.flashcastr.observability.aot;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

import app.flashcastr.observability.testservice.TestServiceApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AOT cache's training run asks the ready service its first requests and exits; a
 * normal start is left alone. The switch is added after the start so that the listener
 * Boot registers from spring.factories (which would exit this JVM) never sees it.
 */
@ExtendWith(OutputCaptureExtension.class)
class AotTrainingRunTests {

	@Test
	void aTrainingRunAsksTheProbesAndAScrapeThenExits(CapturedOutput output) {
		AtomicInteger exitStatus = new AtomicInteger(-1);
		ConfigurableApplicationContext service = start();
		service.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("training", Map.of(AotTrainingRun.PROPERTY, "true")));

		new AotTrainingRun(exitStatus::set).onApplicationEvent(ready(service));

		assertThat(exitStatus).hasValue(0);
		assertThat(service.isActive()).isFalse();
		assertThat(output).contains(
				"AOT training run: 3 of 3 requests answered, those asked %d times".formatted(AotTrainingRun.ROUNDS));
	}

	@Test
	void withoutTheSwitchTheServiceRunsOn() {
		AtomicInteger exitStatus = new AtomicInteger(-1);
		try (ConfigurableApplicationContext service = start()) {
			new AotTrainingRun(exitStatus::set).onApplicationEvent(ready(service));

			assertThat(exitStatus).hasValue(-1);
			assertThat(service.isActive()).isTrue();
		}
	}

	@Test
	void aGraphQlServiceIsAlsoAskedAQuery() {
		MockEnvironment environment = new MockEnvironment().withProperty("local.server.port", "4000")
			.withProperty("local.management.port", "9092")
			.withProperty("spring.graphql.http.path", "/graphql");

		assertThat(AotTrainingRun.requests(environment)).map((request) -> request.method() + " " + request.uri())
			.containsExactly("GET http://127.0.0.1:9092/actuator/health/readiness",
					"GET http://127.0.0.1:9092/actuator/health/liveness",
					"GET http://127.0.0.1:9092/actuator/prometheus", "POST http://127.0.0.1:4000/graphql");
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(TestServiceApplication.class).run("--server.port=0",
				"--management.server.port=0", "--spring.main.banner-mode=off");
	}

	private static ApplicationReadyEvent ready(ConfigurableApplicationContext service) {
		return new ApplicationReadyEvent(new SpringApplication(TestServiceApplication.class), new String[0], service,
				Duration.ZERO);
	}

}
