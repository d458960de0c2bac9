package app.flashcastr.testinfra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import app.flashcastr.localinfra.Command;

/**
 * The CLI of the RabbitMQ node on this machine: Debian installs it in /usr/sbin, which a
 * normal user's PATH may lack.
 */
final class LocalRabbitmqctl {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private LocalRabbitmqctl() {
	}

	static String run(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(executable());
		command.addAll(List.of(arguments));
		try {
			return Command.run(command, "rabbitmqctl " + String.join(" ", arguments), TIMEOUT);
		}
		catch (Command.Failed ex) {
			throw new InfrastructureUnavailableException(ex.getMessage(), ex);
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

}
