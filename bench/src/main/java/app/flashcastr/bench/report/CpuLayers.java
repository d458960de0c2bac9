package app.flashcastr.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service's CPU went during a window of a JFR recording, by layer of the stack:
 * JDK 25's CPU-time samples ({@code jdk.CPUTimeSample}, each carrying the thread CPU time
 * it stands for) summed per layer, each sample given to the layer of its frame nearest
 * the leaf that belongs to a known library (a {@code HashMap.get} called by graphql-java
 * is graphql-java's time). Only Java threads are sampled: the collector's and the JIT's
 * threads are the rest of the process's CPU, with the collections' pauses summed beside
 * (compilations are left out: their events give wall time, overlapping on two compiler
 * threads).
 */
public final class CpuLayers {

	/**
	 * Options for {@code -XX:StartFlightRecording}: the CPU-time sampler, one sample per
	 * 5 ms of a thread's CPU (one per millisecond doubled the API's CPU per request and
	 * still lost 5 % of its samples).
	 */
	public static final String RECORDING_SETTINGS = "jdk.CPUTimeSample#enabled=true,jdk.CPUTimeSample#throttle=5ms";

	/** Layers by class-name prefix, in the order they are reported. */
	private static final Map<String, List<String>> LAYERS = layers();

	/** The events a breakdown sums. */
	private static final Set<String> COUNTED = Set.of("jdk.CPUTimeSample", "jdk.CPUTimeSamplesLost",
			"jdk.GarbageCollection");

	/** The layer of a sample with no frame of a known library. */
	static final String JDK_ONLY = "JDK only (threads, sockets)";

	private CpuLayers() {
	}

	private static Map<String, List<String>> layers() {
		Map<String, List<String>> layers = new LinkedHashMap<>();
		layers.put("PostgreSQL driver", List.of("org.postgresql."));
		layers.put("HikariCP", List.of("com.zaxxer.hikari."));
		layers.put("Spring JDBC", List.of("org.springframework.jdbc."));
		layers.put("GraphQL parse and validate",
				List.of("graphql.parser.", "graphql.language.", "graphql.validation.", "org.antlr."));
		layers.put("GraphQL execution", List.of("graphql."));
		layers.put("Spring GraphQL", List.of("org.springframework.graphql."));
		layers.put("Jackson", List.of("tools.jackson.", "com.fasterxml.jackson."));
		layers.put("Micrometer (metrics, observation, tracing)",
				List.of("io.micrometer.", "io.opentelemetry.", "io.prometheus."));
		layers.put("Caffeine", List.of("com.github.benmanes.caffeine."));
		layers.put("Flashcastr code", List.of("app.flashcastr."));
		layers.put("Spring MVC and core",
				List.of("org.springframework.web.", "org.springframework.http.", "org.springframework."));
		layers.put("Tomcat (HTTP, sockets)",
				List.of("org.apache.tomcat.", "org.apache.coyote.", "org.apache.catalina.", "jakarta.servlet."));
		layers.put("logging", List.of("ch.qos.logback.", "org.slf4j."));
		return layers;
	}

	/**
	 * The layer of a sample's frames.
	 * @param classNames the frames' classes, leaf first
	 * @return the layer's name, {@link #JDK_ONLY} without a known one
	 */
	static String layerOf(List<String> classNames) {
		for (String className : classNames) {
			for (Map.Entry<String, List<String>> layer : LAYERS.entrySet()) {
				for (String prefix : layer.getValue()) {
					if (className.startsWith(prefix)) {
						return layer.getKey();
					}
				}
			}
		}
		return JDK_ONLY;
	}

	/**
	 * Reads the recording once for every window.
	 * @param recording a JFR file with {@code jdk.CPUTimeSample} events
	 * @param windows the windows, e.g. one measured run each
	 * @return per window, in the same order, what its CPU went to
	 * @throws IOException when the file cannot be read
	 */
	public static List<Breakdown> read(Path recording, List<Window> windows) throws IOException {
		List<Map<String, Long>> byLayer = new ArrayList<>();
		long[] gc = new long[windows.size()];
		long[] lost = new long[windows.size()];
		windows.forEach((window) -> byLayer.add(new LinkedHashMap<>()));
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				String type = event.getEventType().getName();
				// Most of a profile's events are of other types: no window search for
				// them.
				int index = COUNTED.contains(type) ? indexOf(windows, event.getStartTime()) : -1;
				if (index < 0) {
					continue;
				}
				switch (type) {
					case "jdk.CPUTimeSample" -> {
						if (event.getStackTrace() != null) {
							List<String> classes = event.getStackTrace()
								.getFrames()
								.stream()
								.map(RecordedFrame::getMethod)
								.map((method) -> method.getType().getName())
								.toList();
							byLayer.get(index)
								.merge(layerOf(classes), event.getDuration("samplingPeriod").toNanos(), Long::sum);
						}
					}
					case "jdk.CPUTimeSamplesLost" -> lost[index] += event.getInt("lostSamples");
					case "jdk.GarbageCollection" -> gc[index] += event.getDuration().toNanos();
					default -> {
					}
				}
			}
		}
		List<Breakdown> breakdowns = new ArrayList<>();
		for (int i = 0; i < windows.size(); i++) {
			breakdowns.add(new Breakdown(windows.get(i), byLayer.get(i), gc[i], lost[i]));
		}
		return breakdowns;
	}

	private static int indexOf(List<Window> windows, Instant at) {
		for (int i = 0; i < windows.size(); i++) {
			Window window = windows.get(i);
			if (!at.isBefore(window.from()) && at.isBefore(window.to())) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * A span of the recording to break down.
	 *
	 * @param label names it in the note
	 * @param from start
	 * @param to end
	 * @param requests answered within it
	 * @param processCpuSeconds the process's CPU time within it (from {@code /proc})
	 */
	public record Window(String label, Instant from, Instant to, double requests, double processCpuSeconds) {

	}

	/**
	 * What one window's CPU went to.
	 *
	 * @param window the window
	 * @param sampledNanos sampled thread CPU per layer
	 * @param gcNanos time in garbage collections (Serial: one thread, stopped world)
	 * @param lostSamples samples the sampler dropped (their time is missing above)
	 */
	public record Breakdown(Window window, Map<String, Long> sampledNanos, long gcNanos, long lostSamples) {

		/**
		 * One line: microseconds per request per layer, largest first, then the process's
		 * CPU the samples did not see, with the collections' and the JIT's time beside
		 * it.
		 * @return e.g. {@code GraphQL execution 52, Tomcat (HTTP, sockets) 30, …}
		 */
		public String describe() {
			double requests = Math.max(1, this.window.requests());
			long sampled = this.sampledNanos.values().stream().mapToLong(Long::longValue).sum();
			String layers = this.sampledNanos.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
				.map((layer) -> String.format(Locale.ROOT, "%s %.1f", layer.getKey(),
						micros(layer.getValue(), requests)))
				.collect(Collectors.joining(", "));
			double process = this.window.processCpuSeconds() * 1e6 / requests;
			return String.format(Locale.ROOT,
					"%.0f µs of API CPU per request; sampled on its Java threads %.0f: %s; the rest %.0f (collections' pauses %.1f, the JIT, JFR and other JVM threads)%s",
					process, micros(sampled, requests), layers, process - micros(sampled, requests),
					micros(this.gcNanos, requests),
					(this.lostSamples > 0) ? "; %d samples lost".formatted(this.lostSamples) : "");
		}

		private static double micros(long nanos, double requests) {
			return nanos / 1e3 / requests;
		}

	}

}
