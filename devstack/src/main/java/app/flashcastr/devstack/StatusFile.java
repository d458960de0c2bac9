package app.flashcastr.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code .devstack/status.json}: what this devstack started, for people and scripts.
 * Created atomically by the one devstack that may run, then replaced whole (temp file +
 * move) so a reader never sees half a file; removed at shutdown by that devstack only.
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

	/**
	 * Creates the file unless one exists, atomically: of two devstacks starting at the
	 * same moment, exactly one gets it.
	 * @return {@code true} if this call created it
	 */
	boolean create(Status status) {
		try {
			Path temporary = writeTemporary(status);
			try {
				Files.createLink(this.file, temporary);
				return true;
			}
			catch (FileAlreadyExistsException ex) {
				return false;
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (IOException | JacksonException ex) {
			throw new UncheckedIOException(new IOException("Could not create " + this.file, ex));
		}
	}

	/** Replaces the file whole; only its owner calls this. */
	void write(Status status) {
		try {
			Path temporary = writeTemporary(status);
			Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException | JacksonException ex) {
			throw new UncheckedIOException(new IOException("Could not write " + this.file, ex));
		}
	}

	/**
	 * Deletes the file if {@code owner} wrote it: a devstack that failed to start never
	 * removes the file of one that runs.
	 * @return {@code true} if it was deleted
	 */
	boolean deleteIfOwnedBy(Owner owner) {
		if (!owner().map(owner::equals).orElse(false)) {
			return false;
		}
		try {
			return Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			// Best effort at shutdown: a stale file is recognised by its dead pid.
			return false;
		}
	}

	/** Deletes a file that no devstack can own (unreadable). */
	void deleteUnreadable() {
		try {
			if (Files.isRegularFile(this.file) && owner().isEmpty()) {
				Files.delete(this.file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(new IOException("Could not delete " + this.file, ex));
		}
	}

	/** The devstack that wrote the file, if there is a readable one. */
	Optional<Owner> owner() {
		if (!Files.isRegularFile(this.file)) {
			return Optional.empty();
		}
		try {
			JsonNode status = json.readTree(this.file.toFile());
			JsonNode pid = status.get("pid");
			JsonNode startedAt = status.get("startedAt");
			if (pid == null || !pid.canConvertToLong() || startedAt == null || !startedAt.isString()) {
				return Optional.empty();
			}
			Instant.parse(startedAt.asString());
			return Optional.of(new Owner(pid.asLong(), startedAt.asString()));
		}
		catch (JacksonException | DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	/** The pid of the devstack that wrote the file, if there is a readable one. */
	Optional<Long> writerPid() {
		return owner().map(Owner::pid);
	}

	private Path writeTemporary(Status status) throws IOException {
		Files.createDirectories(this.file.getParent());
		Path temporary = Files.createTempFile(this.file.getParent(), this.file.getFileName() + ".", ".tmp");
		json.writeValue(temporary.toFile(), status);
		return temporary;
	}

	/**
	 * Who wrote a status file: one devstack run, its process and start time (two runs in
	 * one JVM, as in tests, differ by the latter).
	 *
	 * @param pid the devstack's pid
	 * @param startedAt when it started (ISO-8601)
	 */
	record Owner(long pid, String startedAt) {

		/**
		 * Whether that devstack still runs: its pid is alive and is not a later process
		 * that reuses the number.
		 */
		boolean isAlive() {
			Instant started = Instant.parse(this.startedAt);
			return ProcessHandle.of(this.pid)
				.filter(ProcessHandle::isAlive)
				.map((process) -> process.info().startInstant().map((start) -> !start.isAfter(started)).orElse(true))
				.orElse(false);
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
