package app.flashcastr.contracts.connection;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.StringUtils;

import app.flashcastr.contracts.schema.DatabaseUrl;

/**
 * Accepts upstream's connection variables: {@code DATABASE_URL} in the
 * {@code postgres://user:pass@host:port/db} form that Railway and Heroku hand out (a
 * {@code jdbc:} URL works too) and {@code RABBITMQ_URL}
 * ({@code amqp://user:pass@host:port/vhost}, or every node of a cluster, see
 * {@link RabbitUrl}). They become {@code spring.datasource.*} and
 * {@code spring.rabbitmq.addresses} (shuffled when several) at the lowest precedence, so
 * explicit Spring properties still win.
 */
class ConnectionUrlsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String SOURCE_NAME = "flashcastrConnectionUrls";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> properties = new HashMap<>();
		String databaseUrl = environment.getProperty("DATABASE_URL");
		if (StringUtils.hasText(databaseUrl)) {
			properties.putAll(datasourceProperties(databaseUrl.trim()));
		}
		String rabbitUrl = environment.getProperty("RABBITMQ_URL");
		if (StringUtils.hasText(rabbitUrl)) {
			properties.putAll(rabbitProperties(rabbitUrl.trim()));
		}
		if (properties.isEmpty()) {
			return;
		}
		MapPropertySource source = new MapPropertySource(SOURCE_NAME, properties);
		MutablePropertySources sources = environment.getPropertySources();
		if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
		}
		else {
			sources.addLast(source);
		}
	}

	static Map<String, Object> rabbitProperties(String rabbitUrl) {
		RabbitUrl parsed = RabbitUrl.parse(rabbitUrl);
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.rabbitmq.addresses", parsed.springAddresses());
		if (parsed.cluster()) {
			// Replicas spread over the nodes, and a lost connection is retried on the
			// others in a new order instead of always on the first node.
			properties.put("spring.rabbitmq.address-shuffle-mode", "random");
		}
		return properties;
	}

	static Map<String, Object> datasourceProperties(String databaseUrl) {
		DatabaseUrl parsed = DatabaseUrl.parse(databaseUrl);
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.datasource.url", parsed.jdbcUrl());
		if (parsed.username() != null) {
			properties.put("spring.datasource.username", parsed.username());
		}
		if (parsed.password() != null) {
			properties.put("spring.datasource.password", parsed.password());
		}
		return properties;
	}

}
