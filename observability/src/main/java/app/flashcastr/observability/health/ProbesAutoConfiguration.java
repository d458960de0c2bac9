package app.flashcastr.observability.health;

import app.flashcastr.observability.ObservabilityProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Completes the readiness probe with the service's dependencies; the probe groups
 * themselves are declared by {@link app.flashcastr.observability.ObservabilityDefaults}.
 */
@AutoConfiguration
@ConditionalOnClass(HealthEndpointGroupsPostProcessor.class)
@EnableConfigurationProperties(ObservabilityProperties.class)
public final class ProbesAutoConfiguration {

	// Last, so it completes whatever readiness group the other post-processors leave.
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	static ReadinessDependenciesPostProcessor flashcastrReadinessDependencies(ObservabilityProperties properties) {
		return new ReadinessDependenciesPostProcessor(properties.readinessDependencies());
	}

}
