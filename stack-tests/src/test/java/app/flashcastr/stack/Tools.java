package app.flashcastr.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import app.flashcastr.testinfra.Prerequisites;

import static org.assertj.core.api.Assertions.fail;

/**
 * The external tools the stack tests run: Debian's Prometheus, promtool, Alertmanager,
 * amtool, postgres_exporter and docker-compose. A missing tool is a {@link Prerequisites
 * prerequisite}: skipped on a developer's machine, failed under CI=true ({@code .ci/run}
 * installs them).
 */
final class Tools {

	static final String PROMTOOL = "promtool";

	static final String PROMETHEUS = "prometheus";

	static final String AMTOOL = "amtool";

	static final String ALERTMANAGER = "prometheus-alertmanager";

	static final String POSTGRES_EXPORTER = "prometheus-postgres-exporter";

	static final String DOCKER_COMPOSE = "docker-compose";

	private Tools() {
	}

	/**
	 * The tool's absolute path, or a skip (locally) / failure (CI) naming the package.
	 */
	static String require(String tool, String debianPackage) {
		Optional<String> path = find(tool);
		if (path.isEmpty()) {
			Prerequisites.unmet(missing(tool, debianPackage));
		}
		return path.orElseThrow();
	}

	/** The tool's absolute path on the PATH, if it is installed. */
	static Optional<String> find(String tool) {
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
			Path candidate = Path.of(dir, tool);
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate.toString());
			}
		}
		return Optional.empty();
	}

	/** The one line a missing tool is reported with. */
	static String missing(String tool, String debianPackage) {
		return tool + " not found: apt-get install " + debianPackage;
	}

	static String promtool() {
		return require(PROMTOOL, "prometheus");
	}

	/** Runs a command to completion; output is stdout and stderr together. */
	static Result run(List<String> command, Map<String, String> environment, Duration timeout) {
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			builder.environment().putAll(environment);
			Path output = Files.createTempFile("stack-tool", ".log");
			builder.redirectOutput(output.toFile());
			Process process = builder.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(command + " did not finish within " + timeout);
			}
			String text = Files.readString(output, StandardCharsets.UTF_8);
			Files.deleteIfExists(output);
			return new Result(process.exitValue(), text);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	static Result run(String... command) {
		return run(List.of(command), Map.of(), Duration.ofMinutes(2));
	}

	/**
	 * Renders prometheus.yml and a copy of the rules with the entrypoint (RENDER_ONLY).
	 */
	static Path renderPrometheus(Path outputDir, Map<String, String> environment) {
		Map<String, String> env = new java.util.HashMap<>(environment);
		env.put("TEMPLATE_DIR", StackFiles.path("prometheus").toString());
		env.put("OUTPUT_DIR", outputDir.toString());
		env.put("RENDER_ONLY", "1");
		Result result = run(List.of("sh", StackFiles.path("prometheus/entrypoint.sh").toString()), env,
				Duration.ofSeconds(30));
		if (result.exitCode() != 0) {
			fail("prometheus/entrypoint.sh failed:\n" + result.output());
		}
		return outputDir.resolve("prometheus.yml");
	}

	/** Renders alertmanager.yml with the entrypoint (RENDER_ONLY). */
	static Path renderAlertmanager(Path output, String webhookUrl) {
		Map<String, String> env = new java.util.HashMap<>();
		env.put("TEMPLATE", StackFiles.path("alertmanager/alertmanager.yml").toString());
		env.put("OUTPUT", output.toString());
		env.put("DISCORD_WEBHOOK_URL", webhookUrl);
		env.put("RENDER_ONLY", "1");
		Result result = run(List.of("sh", StackFiles.path("alertmanager/entrypoint.sh").toString()), env,
				Duration.ofSeconds(30));
		if (result.exitCode() != 0) {
			fail("alertmanager/entrypoint.sh failed:\n" + result.output());
		}
		return output;
	}

	record Result(int exitCode, String output) {

		Result assertSuccess(String what) {
			if (this.exitCode != 0) {
				fail(what + " exited with " + this.exitCode + ":\n" + this.output);
			}
			return this;
		}

	}

	static List<String> list(String... parts) {
		return new ArrayList<>(List.of(parts));
	}

}
