package app.flashcastr.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A non-Java process of the live test (Prometheus, Alertmanager, postgres_exporter), log
 * kept in a file.
 */
final class ExternalProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Path log;

	private ExternalProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static ExternalProcess start(String name, List<String> command, Map<String, String> environment, Path logDirectory)
			throws IOException {
		Files.createDirectories(logDirectory);
		Path log = logDirectory.resolve(name + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		return new ExternalProcess(name, builder.start(), log);
	}

	void ensureAlive() {
		if (!this.process.isAlive()) {
			String tail;
			try {
				List<String> lines = Files.readAllLines(this.log);
				tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
			}
			catch (IOException ex) {
				tail = ex.getMessage();
			}
			throw new IllegalStateException(this.name + " exited with " + this.process.exitValue() + ":\n" + tail);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
		}
	}

}
