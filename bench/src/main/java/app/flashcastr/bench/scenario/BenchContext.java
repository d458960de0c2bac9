package app.flashcastr.bench.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.flashcastr.bench.report.CpuLayers;
import app.flashcastr.bench.stack.ServiceJvm;
import app.flashcastr.localinfra.ExtractedJar;
import app.flashcastr.localinfra.Ports;
import app.flashcastr.localinfra.ShippedJvm;

/**
 * What every benchmark needs: where the jars are, where logs go, the options given on the
 * command line, and a place for notes that end up under the table.
 *
 * @param root the repository root (jars are under {@code <module>/target/})
 * @param logDirectory service logs and JFR recordings
 * @param runs runs per figure, or 0 for each benchmark's default
 * @param flashes flashes per consumer-pipeline run
 * @param quick only the main setting of each benchmark
 * @param jfr record every service JVM with JFR ({@code settings=profile} and the CPU-time
 * sampler, {@link CpuLayers}) into the log directory
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
	 * ({@link ShippedJvm#OPTIONS_BUT_HEAP}), if a heap is given, the command line's extra
	 * options, and a JFR recording when asked.
	 * @param label names the recording
	 * @param heap e.g. {@code 128m}, or null for the JVM's defaults (the caller gives its
	 * own options)
	 */
	public List<String> jvmOptions(String label, String heap) {
		List<String> options = new ArrayList<>();
		if (heap != null) {
			options.addAll(ShippedJvm.options(heap));
		}
		options.addAll(this.serviceJvmOptions);
		if (this.jfr) {
			options.add("-XX:StartFlightRecording=settings=profile," + CpuLayers.RECORDING_SETTINGS
					+ ",dumponexit=true,filename=" + this.logDirectory.resolve(label + ".jfr"));
		}
		return options;
	}

	/**
	 * Starts a service JVM as the images run it (service.Dockerfile): the exec jar
	 * extracted, with a JDK AOT cache trained with the same options by a start that exits
	 * once its context is refreshed. Both are made by the first start after a build and
	 * kept in {@code bench/target/service-jars}, as the devstack keeps its own.
	 * @param module {@code producer}, {@code consumer} or {@code api}
	 * @param label names the log (and the recording)
	 * @param options the JVM options ({@link #jvmOptions})
	 * @param environment the service's environment, the training run's too
	 */
	public ServiceJvm startService(String module, String label, List<String> options, Map<String, String> environment)
			throws Exception {
		Path execJar = serviceJar(module);
		Path java = Path.of(ServiceJvm.javaCommand());
		Path jar = ExtractedJar.runnable(execJar, java, serviceJarsDirectory().resolve(module));
		List<String> jvm = new ArrayList<>(options);
		jvm.addAll(aotCache(jar, options, environment, module + "-aot-training.log"));
		return ServiceJvm.start(label, jar, jvm, environment, this.logDirectory);
	}

	/**
	 * The AOT cache option of an extracted jar ({@link ExtractedJar#aotCacheOptions}):
	 * trained by a start with these options (without database or broker, as the images
	 * train it) that exits once it has answered its first requests, or reused while the
	 * jar and the options are unchanged; nothing, with a note, if the training failed.
	 * @param trainingLog the training run's log, in the log directory
	 */
	public List<String> aotCache(Path jar, List<String> options, Map<String, String> environment, String trainingLog)
			throws Exception {
		// A recording is per run: the cache is trained without it, so one cache serves
		// every run with the same settings.
		List<String> trained = options.stream()
			.filter((option) -> !option.startsWith("-XX:StartFlightRecording"))
			.toList();
		Map<String, String> training = new HashMap<>(ServiceJvm.environment(environment, Ports.freePort()));
		Path log = this.logDirectory.resolve(trainingLog);
		List<String> cache = ExtractedJar.aotCacheOptions(jar, Path.of(ServiceJvm.javaCommand()), trained, training,
				log);
		if (cache.isEmpty()) {
			note(jar.getFileName() + " runs without an AOT cache: its training failed, see " + log);
		}
		return cache;
	}

	/** Each service's extracted jar and AOT cache, in a folder per module. */
	public Path serviceJarsDirectory() {
		return this.root.resolve("bench/target/service-jars");
	}

	/**
	 * The exec jar Maven built for a module; a missing one fails with the command that
	 * builds it.
	 * @param module {@code producer}, {@code consumer} or {@code api}
	 */
	public Path serviceJar(String module) {
		Path jar = this.root.resolve(module + "/target/" + module + "-0.1.0-SNAPSHOT-exec.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(
					jar + " is missing: build it with ./mvnw -q -pl bench -am package -DskipTests");
		}
		return jar;
	}

	public void note(String line) {
		System.out.println("[bench] note: " + line);
		this.notes.add(line);
	}

}
