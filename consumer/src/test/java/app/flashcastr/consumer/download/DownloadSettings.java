package app.flashcastr.consumer.download;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@link DownloadProperties} bound the way Spring binds them (defaults included), without
 * a context.
 */
final class DownloadSettings {

	private DownloadSettings() {
	}

	/**
	 * @param properties keys below {@code invaders.consumer}, e.g.
	 * {@code download.read-timeout}
	 */
	static DownloadProperties with(Map<String, String> properties) {
		Map<String, String> prefixed = new HashMap<>();
		properties.forEach((key, value) -> prefixed.put("invaders.consumer." + key, value));
		return new Binder(new MapConfigurationPropertySource(prefixed)).bindOrCreate("invaders.consumer.download",
				Bindable.of(DownloadProperties.class));
	}

}
