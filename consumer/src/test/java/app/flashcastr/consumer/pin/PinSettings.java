package app.flashcastr.consumer.pin;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@link IpfsProperties} bound the way Spring binds them (defaults included), without a
 * context.
 */
final class PinSettings {

	private PinSettings() {
	}

	/**
	 * @param properties keys below {@code invaders.consumer}, e.g. {@code ipfs.timeout}
	 */
	static IpfsProperties with(Map<String, String> properties) {
		Map<String, String> prefixed = new HashMap<>();
		properties.forEach((key, value) -> prefixed.put("invaders.consumer." + key, value));
		return new Binder(new MapConfigurationPropertySource(prefixed)).bindOrCreate("invaders.consumer.ipfs",
				Bindable.of(IpfsProperties.class));
	}

}
