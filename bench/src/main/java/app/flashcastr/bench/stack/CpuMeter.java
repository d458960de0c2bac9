package app.flashcastr.bench.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time used by each part of the stack between two points, from
 * {@code /proc/<pid>/stat}: which process the cores went to during a measurement. Other
 * work on the machine (e.g. another build's tests) shows up in the shared servers' share.
 */
public final class CpuMeter {

	private static final double TICKS_PER_SECOND = 100.0;

	private final Map<String, Predicate<ProcessHandle>> groups = new LinkedHashMap<>();

	private Map<Long, Long> startTicks = Map.of();

	/**
	 * Groups: the given service JVM, this JVM (simulators and the bench's own polling),
	 * RabbitMQ and PostgreSQL.
	 */
	public static CpuMeter forStack(String serviceName, long servicePid) {
		CpuMeter meter = new CpuMeter();
		long self = ProcessHandle.current().pid();
		meter.groups.put(serviceName, (process) -> process.pid() == servicePid);
		meter.groups.put("bench JVM (simulators)", (process) -> process.pid() == self);
		meter.groups.put("RabbitMQ", (process) -> command(process).contains("beam.smp"));
		meter.groups.put("PostgreSQL", (process) -> command(process).contains("postgres"));
		return meter;
	}

	/** Takes the starting point. */
	public void start() {
		this.startTicks = snapshot();
	}

	/**
	 * CPU seconds per group since {@link #start()}; processes started since count from
	 * zero.
	 */
	public Map<String, Double> secondsSinceStart() {
		Map<Long, Long> now = snapshot();
		Map<String, Double> seconds = new LinkedHashMap<>();
		for (Map.Entry<String, Predicate<ProcessHandle>> group : this.groups.entrySet()) {
			long ticks = ProcessHandle.allProcesses()
				.filter(group.getValue())
				.mapToLong((process) -> now.getOrDefault(process.pid(), 0L)
						- this.startTicks.getOrDefault(process.pid(), 0L))
				.filter((delta) -> delta > 0)
				.sum();
			seconds.put(group.getKey(), ticks / TICKS_PER_SECOND);
		}
		return seconds;
	}

	private static Map<Long, Long> snapshot() {
		Map<Long, Long> ticks = new HashMap<>();
		ProcessHandle.allProcesses().forEach((process) -> {
			try {
				String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
				// Fields after the command (which may hold spaces), 1-based: utime 14,
				// stime 15.
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				ticks.put(process.pid(), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
			}
			catch (IOException | RuntimeException ex) {
				// Gone, or not ours to read.
			}
		});
		return ticks;
	}

	private static String command(ProcessHandle process) {
		return process.info().command().orElse("");
	}

}
