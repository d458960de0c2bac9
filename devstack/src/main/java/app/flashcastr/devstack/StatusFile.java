package app.flashcastr.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code .devstack/status.json}: what this devstack started, for people and scripts.
 * Written whole (temp file + move) so a reader never sees half a file; removed at
 * shutdown.
 */
final class StatusFile {

	private static final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final Path file;

	StatusFile(Path file) {
		this.file = file;
	}

	Path path() {
		return this.file;
	}

	void write(Status status) {
		try {
			Files.createDirectories(this.file.getParent());
			Path temporary = this.file.resolveSibling(this.file.getFileName() + ".tmp");
			json.writeValue(temporary.toFile(), status);
			Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException | JacksonException ex) {
			throw new UncheckedIOException(new IOException("Could not write " + this.file, ex));
		}
	}

	void delete() {
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			// Best effort at shutdown: a stale file is recognised by its dead pid.
		}
	}

	/** The pid of the devstack that wrote the file, if there is a readable one. */
	Optional<Long> writerPid() {
		if (!Files.isRegularFile(this.file)) {
			return Optional.empty();
		}
		try {
			JsonNode pid = json.readTree(this.file.toFile()).get("pid");
			return (pid != null && pid.canConvertToLong()) ? Optional.of(pid.asLong()) : Optional.empty();
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The whole file.
	 *
	 * @param state {@code starting}, {@code ready}
	 * @param pid the devstack's own pid
	 * @param startedAt when the devstack started (ISO-8601)
	 * @param postgres the database
	 * @param rabbitmq the broker
	 * @param services the child JVMs started so far
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Status(String state, long pid, String startedAt, Infrastructure postgres, Infrastructure rabbitmq,
			List<Service> services) {

	}

	/**
	 * One piece of infrastructure.
	 *
	 * @param origin {@code environment}, {@code local} or {@code embedded}
	 * @param host host
	 * @param port port
	 * @param url URL given to the services (a configured password masked)
	 * @param managementUrl RabbitMQ management UI, if any
	 * @param queueType {@code classic} when the broker has no quorum queues
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Infrastructure(String origin, String host, int port, String url, String managementUrl, String queueType) {

	}

	/**
	 * One child JVM.
	 *
	 * @param name name
	 * @param pid process id
	 * @param port its port
	 * @param readinessUrl its readiness URL
	 * @param state {@code starting}, {@code ready} or {@code exited}
	 * @param exitCode exit code once exited
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Service(String name, long pid, int port, String readinessUrl, String state, Integer exitCode) {

	}

}
