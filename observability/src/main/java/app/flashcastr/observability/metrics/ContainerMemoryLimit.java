package app.flashcastr.observability.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The memory limit of this process's container, from its cgroup (v2 {@code memory.max},
 * else v1 {@code memory.limit_in_bytes}), so alerts compare RSS with the real limit
 * instead of a number copied into Prometheus rules. Empty when unlimited or unknown.
 */
final class ContainerMemoryLimit {

	/** cgroup v1 writes "no limit" as a page-rounded Long.MAX_VALUE. */
	private static final long V1_UNLIMITED = 1L << 62;

	private static final List<Path> FILES = List.of(Path.of("/sys/fs/cgroup/memory.max"),
			Path.of("/sys/fs/cgroup/memory/memory.limit_in_bytes"));

	private ContainerMemoryLimit() {
	}

	static OptionalLong read() {
		return read(FILES);
	}

	static OptionalLong read(List<Path> files) {
		for (Path file : files) {
			if (!Files.isReadable(file)) {
				continue;
			}
			try {
				String value = Files.readString(file, StandardCharsets.US_ASCII).trim();
				if (value.equals("max")) {
					return OptionalLong.empty();
				}
				long bytes = Long.parseLong(value);
				return (bytes > 0 && bytes < V1_UNLIMITED) ? OptionalLong.of(bytes) : OptionalLong.empty();
			}
			catch (IOException | NumberFormatException ex) {
				// Unknown is not an error: the alert falls back to its configured limit.
				return OptionalLong.empty();
			}
		}
		return OptionalLong.empty();
	}

}
