package app.flashcastr.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/** Where the stack's files are, and small readers for them. */
final class StackFiles {

	static final Path ROOT = findRoot();

	private StackFiles() {
	}

	static Path path(String relative) {
		return ROOT.resolve(relative);
	}

	static String read(String relative) {
		try {
			return Files.readString(path(relative));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> yaml(Path file) {
		try {
			return (Map<String, Object>) new Yaml().load(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<Path> files(String folder, String suffix) {
		return filesIn(path(folder), suffix);
	}

	static List<Path> filesIn(Path folder, String suffix) {
		try (Stream<Path> walk = Files.walk(folder)) {
			return walk.filter((p) -> p.toString().endsWith(suffix)).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Surefire runs in the module folder; the stack lives at the repository root. */
	private static Path findRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			if (Files.isRegularFile(dir.resolve("prometheus/prometheus.yml"))
					&& Files.isRegularFile(dir.resolve("mvnw"))) {
				return dir;
			}
			dir = dir.getParent();
		}
		throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
	}

}
