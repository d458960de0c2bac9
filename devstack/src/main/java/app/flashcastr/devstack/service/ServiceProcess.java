package app.flashcastr.devstack.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import app.flashcastr.localinfra.ExtractedJar;

/**
 * A running child JVM: its output goes to the console prefixed with its name and to
 * {@code .devstack/logs/<name>.log}; the last lines are kept to explain a failure.
 */
public final class ServiceProcess {

	private static final int KEPT_LINES = 40;

	private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final ServiceSpec spec;

	private final Process process;

	private final Deque<String> lastLines = new ArrayDeque<>();

	private final Thread pump;

	private volatile boolean stopRequested;

	private ServiceProcess(ServiceSpec spec, Process process, PrintStream console, Writer log) {
		this.spec = spec;
		this.process = process;
		this.pump = Thread.ofVirtual().name("output-" + spec.name()).start(() -> pump(console, log));
	}

	/**
	 * Starts the service's JVM.
	 * @param spec what to start
	 * @param java the {@code java} launcher to use
	 * @param infrastructure where PostgreSQL and the broker are
	 * @param logDirectory where the full output is kept
	 * @param console where prefixed output goes
	 * @return the running service
	 * @throws ServiceStartException if the jar is missing or the JVM cannot start
	 */
	public static ServiceProcess start(ServiceSpec spec, Path java, Map<String, String> infrastructure,
			Path logDirectory, PrintStream console) throws ServiceStartException {
		// Beside logs/: .devstack/jars/<service>/.
		return start(spec, java, infrastructure, logDirectory, logDirectory.resolveSibling("jars"), console);
	}

	/**
	 * Starts the service's JVM, its extracted jar and AOT cache kept under
	 * {@code jarsDirectory}.
	 * @param spec what to start
	 * @param java the {@code java} launcher to use
	 * @param infrastructure where PostgreSQL and the broker are
	 * @param logDirectory where the full output is kept
	 * @param jarsDirectory where each service's extracted jar and AOT cache live, in a
	 * folder per service: its replicas, and whoever else passes the same folder, share
	 * them
	 * @param console where prefixed output goes
	 * @return the running service
	 * @throws ServiceStartException if the jar is missing or the JVM cannot start
	 */
	public static ServiceProcess start(ServiceSpec spec, Path java, Map<String, String> infrastructure,
			Path logDirectory, Path jarsDirectory, PrintStream console) throws ServiceStartException {
		if (!Files.isRegularFile(spec.jar())) {
			throw new ServiceStartException("Missing " + spec.jar() + ": build it first.");
		}
		Map<String, String> environment = spec.processEnvironment(infrastructure);
		List<String> command = new ArrayList<>();
		command.add(java.toString());
		command.addAll(spec.jvmOptions());
		Path jar;
		try {
			// Per service, not per replica: the replicas run the same jar, so one
			// extraction
			// and one AOT training serve them all.
			jar = ExtractedJar.runnable(spec.jar(), java, jarsDirectory.resolve(spec.service()));
			if (!jar.equals(spec.jar())) {
				Files.createDirectories(logDirectory);
				command.addAll(ExtractedJar.aotCacheOptions(jar, java, spec.jvmOptions(), environment,
						logDirectory.resolve(spec.name() + "-aot-training.log")));
			}
		}
		catch (IOException ex) {
			throw new ServiceStartException(ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ServiceStartException("Interrupted while preparing " + spec.jar(), ex);
		}
		command.add("-jar");
		command.add(jar.toString());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		try {
			Files.createDirectories(logDirectory);
			Writer log = Files.newBufferedWriter(logDirectory.resolve(spec.name() + ".log"), StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
			return new ServiceProcess(spec, builder.start(), console, log);
		}
		catch (IOException ex) {
			throw new ServiceStartException("Could not start " + spec.name() + ": " + ex.getMessage(), ex);
		}
	}

	public ServiceSpec spec() {
		return this.spec;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** Exit code, or {@code null} while running. */
	public Integer exitCode() {
		return this.process.isAlive() ? null : this.process.exitValue();
	}

	/**
	 * Calls {@code listener} if the process ends without {@link #stop} having been
	 * called.
	 * @param listener told about the unexpected exit
	 */
	public void onUnexpectedExit(Consumer<ServiceProcess> listener) {
		// A thread of its own, not onExit()'s common pool: the listener may block (the
		// devstack's waits for the stop in progress), and a blocked common pool (one
		// thread on two cores) left stop() waiting for an exit it could no longer see.
		Thread.ofVirtual().name("exit-" + this.spec.name()).start(() -> {
			try {
				this.process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			awaitPump();
			if (!this.stopRequested) {
				listener.accept(this);
			}
		});
	}

	/**
	 * Waits until the readiness URL answers 200.
	 * @param timeout how long to wait
	 * @throws ServiceStartException if the process exits or the timeout passes first,
	 * with the last output lines
	 */
	public void awaitReady(Duration timeout) throws ServiceStartException {
		Instant deadline = Instant.now().plus(timeout);
		HttpRequest request = HttpRequest.newBuilder(this.spec.readinessUrl()).timeout(Duration.ofSeconds(2)).build();
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				awaitPump();
				throw new ServiceStartException(this.spec.name() + " exited with code " + this.process.exitValue()
						+ " before it was ready. Last lines:\n" + lastLinesText());
			}
			try {
				if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new ServiceStartException("Interrupted while waiting for " + this.spec.name());
			}
			sleep(POLL_INTERVAL);
		}
		throw new ServiceStartException(this.spec.name() + " was not ready within " + timeout.toSeconds() + " s ("
				+ this.spec.readinessUrl() + " never answered 200). Last lines:\n" + lastLinesText());
	}

	/**
	 * Stops the process: SIGTERM, then a kill after {@code grace}.
	 * @param grace how long a graceful shutdown may take
	 * @return {@code true} if it stopped within the grace period
	 */
	public boolean stop(Duration grace) {
		this.stopRequested = true;
		if (!this.process.isAlive()) {
			awaitPump();
			return true;
		}
		this.process.destroy();
		try {
			// waitFor, not onExit().get(): it needs no pool thread to notice the exit.
			if (this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				awaitPump();
				return true;
			}
			this.process.descendants().forEach(ProcessHandle::destroyForcibly);
			this.process.destroyForcibly();
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
			return false;
		}
	}

	/**
	 * Kills the process at once, as {@code kill -9} does (SIGKILL): no shutdown hook, no
	 * graceful stop, no acknowledgement or lock released by the process itself, as in a
	 * crash or an OOM kill. For fault tests; not reported as an unexpected exit.
	 * @param timeout how long to wait for the exit
	 * @return {@code true} if it exited within the timeout
	 */
	public boolean kill(Duration timeout) {
		this.stopRequested = true;
		this.process.destroyForcibly();
		try {
			boolean exited = this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (exited) {
				awaitPump();
			}
			return exited;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** The last output lines, oldest first. */
	public List<String> lastLines() {
		synchronized (this.lastLines) {
			return List.copyOf(this.lastLines);
		}
	}

	private String lastLinesText() {
		List<String> lines = lastLines();
		return lines.isEmpty() ? "  (no output)" : "  " + String.join("\n  ", lines);
	}

	private void pump(PrintStream console, Writer log) {
		String prefix = "[" + this.spec.name() + "] ";
		try (log;
				BufferedReader output = new BufferedReader(
						new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null) {
				console.println(prefix + line);
				log.write(line);
				log.write(System.lineSeparator());
				log.flush();
				synchronized (this.lastLines) {
					if (this.lastLines.size() == KEPT_LINES) {
						this.lastLines.removeFirst();
					}
					this.lastLines.addLast(line);
				}
			}
		}
		catch (IOException ex) {
			// The stream closes when the process is killed: nothing left to show.
		}
	}

	/** Lets the last lines reach the console before anyone reports on them. */
	private void awaitPump() {
		try {
			this.pump.join(Duration.ofSeconds(2));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
