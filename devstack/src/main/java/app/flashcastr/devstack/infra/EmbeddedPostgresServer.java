package app.flashcastr.devstack.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 (zonky binaries, no Docker) with its data under
 * {@code .devstack/}. The data is wiped at each start, like the embedded broker's
 * in-memory store, so the two never disagree.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

	private final EmbeddedPostgres postgres;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	static EmbeddedPostgresServer start(Path dataDirectory, Path logFile, int port) throws IOException {
		Files.createDirectories(dataDirectory);
		Files.createDirectories(logFile.getParent());
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setPort(port)
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(true)
			// The devstack's own shutdown hook stops it, after the services that use it.
			.setRegisterShutdownHook(false)
			.setPGStartupWait(Duration.ofSeconds(30))
			.setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
			.setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
			.start();
		return new EmbeddedPostgresServer(postgres);
	}

	int port() {
		return this.postgres.getPort();
	}

	@Override
	public void close() throws IOException {
		this.postgres.close();
	}

}
