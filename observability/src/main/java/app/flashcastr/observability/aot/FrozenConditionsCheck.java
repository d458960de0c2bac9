package app.flashcastr.observability.aot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.aot.AotDetector;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * In AOT mode ({@code -Dspring.aot.enabled=true}), refuses to start when a condition on a
 * property would decide otherwise than it did when the jar was built: the generated
 * wiring would silently ignore the setting.
 */
public class FrozenConditionsCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		if (!AotDetector.useGeneratedArtifacts()) {
			return;
		}
		String file = read(context.getClassLoader());
		if (file == null) {
			return;
		}
		List<String> mismatches = FrozenConditions.mismatches(file, context.getEnvironment());
		if (!mismatches.isEmpty()) {
			throw new IllegalStateException("This jar's Spring AOT wiring was fixed when it was built, and these "
					+ "settings now ask for another one: " + String.join("; ", mismatches)
					+ ". Build the jar again with these settings, or start it without -Dspring.aot.enabled=true.");
		}
	}

	private static String read(ClassLoader classLoader) {
		ClassLoader loader = (classLoader != null) ? classLoader : FrozenConditionsCheck.class.getClassLoader();
		try (InputStream in = loader.getResourceAsStream(FrozenConditions.RESOURCE)) {
			return (in != null) ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + FrozenConditions.RESOURCE, ex);
		}
	}

}
