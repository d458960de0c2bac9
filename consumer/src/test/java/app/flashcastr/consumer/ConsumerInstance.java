package app.flashcastr.consumer;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import app.flashcastr.testinfra.IsolatedDatabase;
import app.flashcastr.testinfra.IsolatedVhost;

/**
 * Starts a consumer on a given database (possibly through a proxy port) and vhost, for
 * outage tests.
 */
public final class ConsumerInstance {

	private ConsumerInstance() {
	}

	public static ConfigurableApplicationContext start(IsolatedDatabase database, IsolatedVhost vhost, int postgresPort,
			Map<String, Object> overrides) {
		return new SpringApplicationBuilder(ConsumerApplication.class)
			.run(arguments(database, vhost, postgresPort, overrides));
	}

	/**
	 * The command-line arguments of such a consumer (also used to fork one as its own
	 * JVM).
	 */
	public static String[] arguments(IsolatedDatabase database, IsolatedVhost vhost, int postgresPort,
			Map<String, Object> overrides) {
		Map<String, Object> properties = new HashMap<>();
		properties.putAll(database.springProperties());
		// Through the cuttable proxy in front of PostgreSQL.
		properties.put("spring.datasource.url", database.jdbcUrl().replaceFirst(":\\d+/", ":" + postgresPort + "/"));
		properties.put("spring.datasource.hikari.connection-timeout", 1000);
		properties.putAll(vhost.springProperties(vhost.port()));
		properties.put("spring.rabbitmq.listener.simple.concurrency", 8);
		properties.put("spring.rabbitmq.listener.simple.max-concurrency", 8);
		properties.put("server.port", 0);
		properties.put("spring.main.banner-mode", "off");
		properties.put("invaders.consumer.download.base-url", TestWorld.feed().baseUri().toString());
		properties.put("invaders.consumer.ipfs.provider", "kubo");
		properties.put("invaders.consumer.ipfs.kubo-url", TestWorld.ipfs().kuboUri().toString());
		properties.put("flashcastr.outbox.poll-interval", "200ms");
		properties.putAll(overrides);
		// As arguments, not builder defaults: those rank below application.yml.
		return properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
	}

}
