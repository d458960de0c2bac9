package app.flashcastr.bench.report;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the figures were measured.
 *
 * @param host host name
 * @param cpu CPU model
 * @param cores available processors
 * @param memoryMib physical memory
 * @param jdk the JDK running the benchmark and the services
 */
public record Machine(String host, String cpu, int cores, long memoryMib, String jdk) {

	/** This machine, as the JVM and {@code /proc} see it. */
	public static Machine current() {
		return new Machine(hostName(), procValue(Path.of("/proc/cpuinfo"), "model name", "unknown CPU"),
				Runtime.getRuntime().availableProcessors(), physicalMemoryMib(),
				System.getProperty("java.vendor") + " " + Runtime.version());
	}

	/** A one-line description: host, CPU, cores, memory. */
	public String describe() {
		return "%s (%s, %d cores, %d GiB RAM)".formatted(this.host, this.cpu, this.cores,
				Math.round(this.memoryMib / 1024.0));
	}

	/** The JDK's feature version and build, short enough for a table column. */
	public String jdkShort() {
		String[] parts = this.jdk.split(" ");
		return parts[parts.length - 1];
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "unknown host";
		}
	}

	private static long physicalMemoryMib() {
		String total = procValue(Path.of("/proc/meminfo"), "MemTotal", "0 kB");
		return Long.parseLong(total.replaceAll("[^0-9]", "")) / 1024;
	}

	private static String procValue(Path file, String key, String fallback) {
		try {
			List<String> lines = Files.readAllLines(file);
			return lines.stream()
				.filter((line) -> line.startsWith(key))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse(fallback);
		}
		catch (IOException ex) {
			return fallback;
		}
	}

}
