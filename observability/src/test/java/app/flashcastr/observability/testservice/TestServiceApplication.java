package app.flashcastr.observability.testservice;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The test service: no code of its own beyond a stand-in {@code db} health indicator, so
 * that the readiness group can be seen picking up a dependency that exists (and ignoring
 * {@code rabbit}, which does not).
 */
@SpringBootApplication
public class TestServiceApplication {

	@Bean
	HealthIndicator dbHealthIndicator() {
		return () -> Health.up().withDetail("stand-in", true).build();
	}

}
