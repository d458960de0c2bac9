package app.flashcastr.localinfra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command line tool of the local services ({@code rabbitmqctl},
 * {@code rabbitmq/cluster.sh}) to its end and returns its output; the output goes through
 * a file, so a chatty tool never blocks on a full pipe.
 */
public final class Command {

	private Command() {
	}

	/**
	 * Runs the command, output and errors together.
	 * @param command the program and its arguments
	 * @param what how messages name the command
	 * @param timeout how long it may take before it is killed
	 * @return its output
	 * @throws Failed when it cannot start, takes too long, is interrupted or exits
	 * non-zero (the message then carries its output)
	 */
	public static String run(List<String> command, String what, Duration timeout) {
		try {
			Path output = Files.createTempFile("command", ".log");
			try {
				Process process = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.start();
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly();
					throw new Failed(what + ": not done within " + timeout.toSeconds() + " s", null);
				}
				String text = Files.readString(output, StandardCharsets.UTF_8);
				if (process.exitValue() != 0) {
					throw new Failed(what + " exited with " + process.exitValue() + ": " + text.strip(), null);
				}
				return text;
			}
			finally {
				Files.deleteIfExists(output);
			}
		}
		catch (IOException ex) {
			throw new Failed(what + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Failed(what + ": interrupted", ex);
		}
	}

	/** A command that did not run to a successful end; the message says why. */
	public static final class Failed extends IllegalStateException {

		Failed(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
