package app.flashcastr.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code docs/benchmarks.md}: every run's table with its date, machine and command,
 * newest first, previous results kept.
 */
public final class BenchmarkLog {

	static final String MARKER = "<!-- bench: newest results go below this line -->";

	private static final String HEADER = """
			# Benchmarks

			Figures printed by the `bench` module ([bench/README.md](../bench/README.md)): the services run as
			separate JVMs against the local PostgreSQL and RabbitMQ, the simulators in-process. Each section is one
			invocation, newest first; the median is over the runs column, min–max shows the spread.

			""" + MARKER + "\n";

	private final Path file;

	public BenchmarkLog(Path file) {
		this.file = file;
	}

	/**
	 * Inserts a section for this invocation above the previous ones.
	 * @param table the rendered table
	 * @param notes one line each: what was shortened, failures, observations
	 */
	public void record(ZonedDateTime when, Machine machine, String command, String table, List<String> notes)
			throws IOException {
		String existing = Files.exists(this.file) ? Files.readString(this.file) : HEADER;
		if (!existing.contains(MARKER)) {
			existing = HEADER + "\n" + existing;
		}
		StringBuilder section = new StringBuilder();
		section.append("\n## ")
			.append(when.withZoneSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
			.append(" UTC — ")
			.append(machine.describe())
			.append("\n\n");
		section.append("JDK: ").append(machine.jdk()).append(". Command: `").append(command).append("`\n\n");
		section.append(table);
		if (!notes.isEmpty()) {
			section.append('\n');
			notes.forEach((note) -> section.append("- ").append(note).append('\n'));
		}
		int at = existing.indexOf(MARKER) + MARKER.length();
		String updated = existing.substring(0, at) + "\n" + section + existing.substring(at);
		Files.createDirectories(this.file.getParent());
		Files.writeString(this.file, updated.replace(MARKER + "\n\n\n", MARKER + "\n\n"));
	}

}
