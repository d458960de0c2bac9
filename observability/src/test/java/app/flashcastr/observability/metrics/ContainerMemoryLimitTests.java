package app.flashcastr.observability.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerMemoryLimitTests {

	@TempDir
	Path cgroup;

	@Test
	void cgroupV2LimitIsReadInBytes() throws IOException {
		Path v2 = Files.writeString(this.cgroup.resolve("memory.max"), "536870912\n");

		assertThat(ContainerMemoryLimit.read(List.of(v2))).hasValue(536870912L);
	}

	@Test
	void unlimitedIsNoLimitInBothVersions() throws IOException {
		Path v2 = Files.writeString(this.cgroup.resolve("memory.max"), "max\n");
		Path v1 = Files.writeString(this.cgroup.resolve("memory.limit_in_bytes"), "9223372036854771712\n");

		assertThat(ContainerMemoryLimit.read(List.of(v2))).isEmpty();
		assertThat(ContainerMemoryLimit.read(List.of(v1))).isEmpty();
	}

	@Test
	void theFirstReadableFileWinsAndAMissingOneIsSkipped() throws IOException {
		Path v1 = Files.writeString(this.cgroup.resolve("memory.limit_in_bytes"), "268435456\n");

		assertThat(ContainerMemoryLimit.read(List.of(this.cgroup.resolve("absent"), v1))).hasValue(268435456L);
		assertThat(ContainerMemoryLimit.read(List.of(this.cgroup.resolve("absent")))).isEmpty();
	}

}
