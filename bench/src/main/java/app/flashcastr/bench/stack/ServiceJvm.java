package app.flashcastr.bench.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import app.flashcastr.localinfra.Ports;
import app.flashcastr.localinfra.ShippedJvm;

/**
 * One service started from its jar in its own JVM (the bench's own {@code java}),
 * configured by environment variables, output kept in a log file. Closing it sends
 * SIGTERM, then kills it after 15 s.
 */
public final class ServiceJvm implements AutoCloseable {

	/**
	 * How long a service is left without load before its quiet RSS is read: time for the
	 * JIT's backlog, the code-cache collection it may bring (which shrinks the Serial
	 * heap) and several of glibc's 5 s trims.
	 */
	public static final Duration QUIET = Duration.ofSeconds(75);

	private static final Pattern MEASUREMENT = Pattern.compile("\"value\"\\s*:\\s*([-+0-9.eE]+)");

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(1))
		.build();

	private final String name;

	private final Process process;

	private final long startedNanos;

	private final int port;

	private final Path log;

	private ServiceJvm(String name, Process process, long startedNanos, int port, Path log) {
		this.name = name;
		this.process = process;
		this.startedNanos = startedNanos;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts {@code java [jvmOptions] -jar jar} with the environment, the management port
	 * in {@code METRICS_PORT} and text logs.
	 * @param name label for the log file and messages
	 */
	public static ServiceJvm start(String name, Path jar, List<String> jvmOptions, Map<String, String> environment,
			Path logDirectory) throws IOException {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(
					jar + " is missing: build it with ./mvnw -q -pl bench -am package -DskipTests");
		}
		int port = Ports.freePort();
		Files.createDirectories(logDirectory);
		Path log = logDirectory.resolve(name + ".log");
		List<String> command = new ArrayList<>();
		command.add(javaCommand());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar.toString());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().putAll(environment(environment, port));
		long started = System.nanoTime();
		Process process = builder.start();
		ServiceJvm service = new ServiceJvm(name, process, started, port, log);
		Cleanup.register(service);
		return service;
	}

	/**
	 * The environment of a service JVM here: the given one with the management port in
	 * {@code METRICS_PORT}, text logs and the shipped malloc arenas (unless given).
	 */
	public static Map<String, String> environment(Map<String, String> environment, int managementPort) {
		Map<String, String> full = new HashMap<>(environment);
		full.put("METRICS_PORT", Integer.toString(managementPort));
		full.put("LOG_FORMAT", "text");
		full.putIfAbsent("MALLOC_ARENA_MAX", ShippedJvm.MALLOC_ARENA_MAX);
		return full;
	}

	/** The bench's own java executable: the services run on the same JDK. */
	public static String javaCommand() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	public long pid() {
		return this.process.pid();
	}

	public int port() {
		return this.port;
	}

	/** Seconds since the process was started. */
	public double secondsSinceStart() {
		return (System.nanoTime() - this.startedNanos) / 1e9;
	}

	/**
	 * A counter's value from {@code /actuator/metrics/{name}} (a small JSON answer, far
	 * cheaper than a Prometheus scrape); 0 while the service does not answer yet.
	 */
	public double counter(String name) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/metrics/" + name))
			.timeout(Duration.ofSeconds(2))
			.build();
		HttpResponse<String> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (java.net.ConnectException ex) {
			return 0;
		}
		if (response.statusCode() != 200) {
			return 0;
		}
		Matcher value = MEASUREMENT.matcher(response.body());
		if (!value.find()) {
			throw new IllegalStateException("no measurement in " + response.body());
		}
		return Double.parseDouble(value.group(1));
	}

	/** Whether {@code /actuator/health/readiness} answers 200 now. */
	public boolean ready() {
		ensureAlive();
		try {
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(2))
				.build();
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/**
	 * Polls readiness every 50 ms.
	 * @return seconds from process start to the first 200
	 */
	public double awaitReady(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (ready()) {
				return secondsSinceStart();
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException(this.name + " not ready after " + timeout + "; log: " + this.log);
	}

	/**
	 * CPU seconds the JVM has used so far (user + system, {@code /proc/<pid>/stat}): a
	 * start-up figure that other work on the machine disturbs less than wall time.
	 */
	public double cpuSeconds() throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
		// Fields after the command name, which may hold spaces: state is field 3,
		// utime 14 and stime 15.
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
	}

	/** Resident set size now, from {@code /proc/<pid>/status} (VmRSS). */
	public long rssBytes() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
			}
		}
		throw new IOException("no VmRSS for pid " + pid());
	}

	/**
	 * RSS after {@code quiet} without load: what a service that has gone quiet after a
	 * burst keeps (the wait is the measurement).
	 */
	public long rssBytesAfterQuiet(Duration quiet) throws IOException, InterruptedException {
		Thread.sleep(quiet);
		ensureAlive();
		return rssBytes();
	}

	/** Fails with the end of the log when the JVM has exited. */
	public void ensureAlive() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException(
					this.name + " exited with " + this.process.exitValue() + "; last lines:\n" + tail(20));
		}
	}

	public Path log() {
		return this.log;
	}

	private String tail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(log unreadable: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		Cleanup.unregister(this);
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
