package app.flashcastr.testinfra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CLI of the RabbitMQ node on this machine: Debian installs it in /usr/sbin, which a
 * normal user's PATH may lack.
 */
final class LocalRabbitmqctl {

	private static final long TIMEOUT_SECONDS = 30;

	private LocalRabbitmqctl() {
	}

	static String run(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(executable());
		command.addAll(List.of(arguments));
		String what = "rabbitmqctl " + String.join(" ", arguments);
		try {
			Path output = Files.createTempFile("rabbitmqctl", ".log");
			try {
				Process process = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.start();
				if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new InfrastructureUnavailableException(what + ": no answer within " + TIMEOUT_SECONDS + " s");
				}
				String text = Files.readString(output, StandardCharsets.UTF_8);
				if (process.exitValue() != 0) {
					throw new InfrastructureUnavailableException(
							what + " exited with " + process.exitValue() + ": " + firstLines(text));
				}
				return text;
			}
			finally {
				Files.deleteIfExists(output);
			}
		}
		catch (IOException ex) {
			throw new InfrastructureUnavailableException(what + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InfrastructureUnavailableException(what + ": interrupted", ex);
		}
	}

	private static String executable() {
		String path = System.getenv().getOrDefault("PATH", "");
		for (String dir : (path + ":/usr/sbin:/usr/local/sbin").split(":")) {
			if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "rabbitmqctl"))) {
				return Path.of(dir, "rabbitmqctl").toString();
			}
		}
		return "rabbitmqctl";
	}

	private static String firstLines(String text) {
		return text.strip().lines().limit(3).reduce((a, b) -> a + " / " + b).orElse("(no output)");
	}

}
