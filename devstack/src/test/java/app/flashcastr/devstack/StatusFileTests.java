package app.flashcastr.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class StatusFileTests {

	@TempDir
	Path directory;

	@Test
	void writesPortsPidsAndOriginsThenDeletes() throws Exception {
		StatusFile file = new StatusFile(this.directory.resolve(".devstack").resolve("status.json"));

		file.write(new StatusFile.Status("ready", 4242, "2026-11-22T10:00:00Z",
				new StatusFile.Infrastructure("local", "127.0.0.1", 5432,
						"postgresql://postgres@127.0.0.1:5432/flashcastr", null, null),
				new StatusFile.Infrastructure("embedded", "127.0.0.1", 40123, "amqp://guest:guest@127.0.0.1:40123",
						null, "classic"),
				List.of(new StatusFile.Service("producer", 4343, 9090,
						"http://127.0.0.1:9090/actuator/health/readiness", "ready", null))));

		String json = Files.readString(file.path());
		assertThat(json).contains("\"pid\" : 4242", "\"origin\" : \"local\"", "\"origin\" : \"embedded\"",
				"\"queueType\" : \"classic\"", "\"name\" : \"producer\"", "\"port\" : 9090", "\"pid\" : 4343");
		assertThat(json).doesNotContain("managementUrl", "exitCode");
		assertThat(file.writerPid()).contains(4242L);
		assertThat(file.path().resolveSibling("status.json.tmp")).doesNotExist();

		assertThat(file.deleteIfOwnedBy(new StatusFile.Owner(4242, "2026-11-22T10:00:00Z"))).isTrue();

		assertThat(file.path()).doesNotExist();
		assertThat(file.writerPid()).isEmpty();
	}

	@Test
	void ofTwoCreatorsTheFirstGetsTheFileAndOnlyItsOwnerDeletesIt() throws Exception {
		StatusFile file = new StatusFile(this.directory.resolve(".devstack").resolve("status.json"));
		StatusFile.Owner first = new StatusFile.Owner(4242, "2026-11-22T10:00:00Z");
		StatusFile.Owner second = new StatusFile.Owner(4343, "2026-11-22T10:00:00.001Z");

		assertThat(file.create(status(first))).isTrue();
		assertThat(file.create(status(second))).isFalse();
		assertThat(file.owner()).contains(first);

		assertThat(file.deleteIfOwnedBy(second)).isFalse();
		assertThat(file.path()).exists();
		assertThat(file.deleteIfOwnedBy(first)).isTrue();
		assertThat(file.path()).doesNotExist();
		try (Stream<Path> leftovers = Files.list(file.path().getParent())) {
			assertThat(leftovers).as("no temporary files left").isEmpty();
		}
	}

	@Test
	void anOwnerIsAliveWhileItsProcessRunsAndNotWhenThePidIsDeadOrReused() throws Exception {
		long ownPid = ProcessHandle.current().pid();
		Process exited = new ProcessBuilder("true").start();
		exited.waitFor();

		assertThat(new StatusFile.Owner(ownPid, Instant.now().toString()).isAlive()).isTrue();
		assertThat(new StatusFile.Owner(exited.pid(), Instant.now().toString()).isAlive()).isFalse();
		// Written before this process started: another process that had the same pid.
		assertThat(new StatusFile.Owner(ownPid, "2001-01-01T00:00:00Z").isAlive()).isFalse();
	}

	@Test
	void unreadableFileHasNoWriter() throws Exception {
		Path path = Files.writeString(this.directory.resolve("status.json"), "{ not json");

		assertThat(new StatusFile(path).writerPid()).isEmpty();
	}

	private static StatusFile.Status status(StatusFile.Owner owner) {
		return new StatusFile.Status("starting", owner.pid(), owner.startedAt(), null, null, List.of());
	}

}
