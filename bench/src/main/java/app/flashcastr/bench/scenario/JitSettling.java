package app.flashcastr.bench.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.IntFunction;

import app.flashcastr.bench.stack.ServiceJvm;
import app.flashcastr.bench.stack.Wrk;

/**
 * Whether a service's JIT has settled: its compilers' time (Micrometer's
 * {@code jvm.compilation.time}, summed over the compiler threads) grew by at most a share
 * of one core over the last few seconds, in two windows in a row for a warm-up. Until
 * then a figure on 2 cores measures the C1/C2 compilers and the profiling code they are
 * replacing, not the service: code run once per batch rather than per flash reaches C2
 * only after tens of seconds.
 */
final class JitSettling {

	static final double WINDOW_SECONDS = 3;

	/** Compiling at most this share of one core over the window counts as settled. */
	static final double SETTLED_SHARE = 0.15;

	/**
	 * Quiet windows in a row that end a warm-up: one alone was seen between two bursts of
	 * compilation (settled at 65-72 s, the first rows then measured the compilers).
	 */
	static final int QUIET_WINDOWS = 2;

	/**
	 * The shortest an API JVM's warm-up may run on while its JIT has not settled: under
	 * saturation the two compiler threads share the cores with every busy request thread
	 * of Tomcat's pool, and took 77-105 s there ("Session 16").
	 */
	static final Duration LONGEST_API_WARM_UP = Duration.ofSeconds(180);

	/**
	 * The least of an API JVM's warm-up, settled or not: two warm-ups whose checks were
	 * quiet by 42-48 s left the first rows at four times the API's CPU per request (the
	 * compilers, starved under saturation, finish little in a window), where warm-ups of
	 * 143-181 s did not ("Session 17").
	 */
	static final Duration LEAST_API_WARM_UP = Duration.ofSeconds(120);

	private final ServiceJvm service;

	// (seconds since start, compilation milliseconds), oldest first.
	private final ArrayDeque<double[]> samples = new ArrayDeque<>();

	private double share = Double.NaN;

	private int quietInARow;

	JitSettling(ServiceJvm service) {
		this.service = service;
	}

	/**
	 * A JVM's warm-up: {@code least} of a script's traffic, then more in 3 s runs until
	 * the JIT has settled over {@link #QUIET_WINDOWS} windows in a row, at most
	 * {@code longest} in all. On a machine shared with other work a warm-up by the clock
	 * alone gave the compilers too little CPU, and the figures after it measured them.
	 * @param output where wrk's output goes: 0 for the first run, then 1, 2, …
	 * @return the settling seen, to tell whether it settled ({@link #share()})
	 */
	static JitSettling warmUp(ServiceJvm service, Wrk wrk, String url, Path script, Duration least, Duration longest,
			IntFunction<Path> output) throws Exception {
		long started = System.nanoTime();
		wrk.run(url, script, least, output.apply(0));
		JitSettling jit = new JitSettling(service);
		jit.settled();
		int extra = 0;
		while (!jit.wasSettled() && System.nanoTime() - started < longest.toNanos()) {
			wrk.run(url, script, Duration.ofSeconds(3), output.apply(++extra));
			jit.settled();
		}
		return jit;
	}

	/** Reads the compilers' time now; true once the last window was quiet enough. */
	boolean settled() throws IOException, InterruptedException {
		double now = this.service.secondsSinceStart();
		this.samples.addLast(new double[] { now, this.service.counter("jvm.compilation.time") });
		while (this.samples.size() > 2 && now - secondOldest()[0] >= WINDOW_SECONDS) {
			this.samples.removeFirst();
		}
		double[] oldest = this.samples.peekFirst();
		double span = now - oldest[0];
		if (span < WINDOW_SECONDS) {
			return false;
		}
		this.share = (this.samples.peekLast()[1] - oldest[1]) / 1000.0 / span;
		boolean quiet = this.share <= SETTLED_SHARE;
		this.quietInARow = quiet ? this.quietInARow + 1 : 0;
		return quiet;
	}

	/** The compilers' share of one core over the last full window (NaN before one). */
	double share() {
		return this.share;
	}

	/** Whether the last {@link #QUIET_WINDOWS} checks in a row were quiet enough. */
	boolean wasSettled() {
		return this.quietInARow >= QUIET_WINDOWS;
	}

	private double[] secondOldest() {
		var iterator = this.samples.iterator();
		iterator.next();
		return iterator.next();
	}

}
