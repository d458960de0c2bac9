package app.flashcastr.consumer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Environment variables renamed so that each batch setting says which batch it sizes: a
 * deployment still setting an old name keeps working, and is told the new one once at
 * start-up. The old value is copied to the new name below every other property source, so
 * the new name, when set, wins.
 */
class RenamedVariables implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "invadersConsumerRenamedVariables";

	/** Old name → new name. */
	static final Map<String, String> RENAMED = renamed();

	private final Log logger;

	RenamedVariables(DeferredLogFactory logs) {
		this.logger = logs.getLog(RenamedVariables.class);
	}

	@Override
	public int getOrder() {
		// After the config data processor: an old name in a config file counts too.
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> carried = new LinkedHashMap<>();
		RENAMED.forEach((old, current) -> {
			String value = environment.getProperty(old);
			if (value == null) {
				return;
			}
			if (environment.containsProperty(current)) {
				this.logger.warn(old + " is ignored: " + current + ", its new name, is set too; remove " + old);
				return;
			}
			carried.put(current, value);
			this.logger
				.warn(old + " is deprecated: set " + current + " instead (" + old + "=" + value + " is used for now)");
		});
		if (!carried.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, carried));
		}
	}

	private static Map<String, String> renamed() {
		Map<String, String> renamed = new LinkedHashMap<>();
		// CID rows per store transaction: "BATCH_SIZE" did not say which batch.
		renamed.put("BATCH_SIZE", "STORE_BATCH_SIZE");
		// Messages the listener takes at once, and how long it waits to fill them.
		renamed.put("CONSUMER_BATCH_SIZE", "INTAKE_BATCH_SIZE");
		renamed.put("CONSUMER_BATCH_WAIT", "INTAKE_BATCH_WAIT");
		return Collections.unmodifiableMap(renamed);
	}

}
