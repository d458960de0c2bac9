package app.flashcastr.producer;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import app.flashcastr.testinfra.IsolatedDatabase;
import app.flashcastr.testinfra.IsolatedVhost;

/**
 * Starts a producer as a test-controlled instance on a given database and broker address,
 * for tests that need two replicas or a broker they can cut.
 */
public final class ProducerInstance {

	private ProducerInstance() {
	}

	public static ConfigurableApplicationContext start(IsolatedDatabase database, IsolatedVhost vhost, int rabbitPort,
			Map<String, Object> overrides) {
		return start(database, vhost, rabbitPort, overrides, new ApplicationListener<?>[0]);
	}

	/**
	 * Starts a producer like {@link #start(IsolatedDatabase, IsolatedVhost, int, Map)}
	 * with extra application listeners (to act on start-up events).
	 */
	public static ConfigurableApplicationContext start(IsolatedDatabase database, IsolatedVhost vhost, int rabbitPort,
			Map<String, Object> overrides, ApplicationListener<?>... listeners) {
		Map<String, Object> properties = new HashMap<>();
		properties.putAll(database.springProperties());
		properties.putAll(vhost.springProperties(rabbitPort));
		properties.put("server.port", 0);
		properties.put("spring.main.banner-mode", "off");
		properties.put("invaders.bot.sync.enabled", false);
		properties.put("flashcastr.outbox.enabled", false);
		properties.put("invaders.bot.feed.base-url", TestFeed.simulator().baseUri().toString());
		properties.put("invaders.bot.feed.retry-base-delay", "20ms");
		properties.put("invaders.bot.feed.max-attempts", 2);
		properties.put("management.tracing.sampling.probability", 1.0);
		properties.putAll(overrides);
		// As arguments, not builder defaults: those rank below application.yml.
		String[] arguments = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		return new SpringApplicationBuilder(ProducerApplication.class, ProducerTestConfiguration.class)
			.listeners(listeners)
			.run(arguments);
	}

}
