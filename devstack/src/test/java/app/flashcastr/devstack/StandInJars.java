package app.flashcastr.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes executable jars that run {@link StandInService} from this module's test classes,
 * so devstack tests do not need the real service jars.
 */
public final class StandInJars {

	private StandInJars() {
	}

	public static Path write(Path jar) throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, StandInService.class.getName());
		manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, testClasses().toUri().toString());
		Files.createDirectories(jar.getParent());
		try (OutputStream out = Files.newOutputStream(jar);
				JarOutputStream ignored = new JarOutputStream(out, manifest)) {
			// The manifest is the whole jar: the classes come from its Class-Path.
		}
		return jar;
	}

	private static Path testClasses() {
		try {
			return Path.of(StandInService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
