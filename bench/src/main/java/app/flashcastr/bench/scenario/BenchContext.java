package app.flashcastr.bench.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import app.flashcastr.bench.stack.ServiceJvm;

/**
 * What every benchmark needs: where the jars are, where logs go, the options given on the
 * command line, and a place for notes that end up under the table.
 *
 * @param root the repository root (jars are under {@code <module>/target/})
 * @param logDirectory service logs and JFR recordings
 * @param runs runs per figure, or 0 for each benchmark's default
 * @param flashes flashes per consumer-pipeline run
 * @param quick only the main setting of each benchmark
 * @param jfr record every service JVM with JFR ({@code settings=profile}) into the log
 * directory
 * @param serviceHeap {@code -Xmx} for the service JVMs of the throughput benchmarks
 * @param seconds measured seconds per wrk run of {@code api-varied}, or 0 for its default
 * @param serviceJvmOptions options added after the shipped ones (a setting tried before
 * it is shipped)
 * @param notes lines printed under the table
 */
public record BenchContext(Path root, Path logDirectory, int runs, int flashes, boolean quick, boolean jfr,
		String serviceHeap, int seconds, List<String> serviceJvmOptions, List<String> notes) {

	public BenchContext {
		serviceJvmOptions = List.copyOf(serviceJvmOptions);
		notes = Collections.synchronizedList(new ArrayList<>(notes));
	}

	/** Whether the service JVMs track native memory, so a summary can be taken. */
	public boolean nativeMemoryTracking() {
		return this.serviceJvmOptions.stream().anyMatch((option) -> option.startsWith("-XX:NativeMemoryTracking="));
	}

	public Path consumerJar() {
		return this.root.resolve("consumer/target/consumer-0.1.0-SNAPSHOT-exec.jar");
	}

	public Path producerJar() {
		return this.root.resolve("producer/target/producer-0.1.0-SNAPSHOT-exec.jar");
	}

	public Path apiJar() {
		return this.root.resolve("api/target/api-0.1.0-SNAPSHOT-exec.jar");
	}

	/**
	 * Measured seconds per run: the command line's {@code --seconds}, else the given
	 * default.
	 */
	public int secondsOr(int defaultSeconds) {
		return (this.seconds > 0) ? this.seconds : defaultSeconds;
	}

	/** Runs of a figure: the command line's {@code --runs}, else the given default. */
	public int runsOr(int defaultRuns) {
		return (this.runs > 0) ? this.runs : defaultRuns;
	}

	/**
	 * JVM options of one service start: the heap with the other shipped options
	 * ({@link ServiceJvm#SHIPPED_OPTIONS}), if a heap is given, the command line's extra
	 * options, and a JFR recording when asked.
	 * @param label names the recording
	 * @param heap e.g. {@code 128m}, or null for the JVM's defaults (the caller gives its
	 * own options)
	 */
	public List<String> jvmOptions(String label, String heap) {
		List<String> options = new ArrayList<>();
		if (heap != null) {
			options.add("-Xmx" + heap);
			options.addAll(ServiceJvm.SHIPPED_OPTIONS);
		}
		options.addAll(this.serviceJvmOptions);
		if (this.jfr) {
			options.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
					+ this.logDirectory.resolve(label + ".jfr"));
		}
		return options;
	}

	public void note(String line) {
		System.out.println("[bench] note: " + line);
		this.notes.add(line);
	}

}
