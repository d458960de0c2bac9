package app.flashcastr.bench.scenario;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;

import app.flashcastr.bench.stack.CpuMeter;
import app.flashcastr.bench.stack.ServiceJvm;

/**
 * Times a service working off a backlog: polls a "work left" count every 100 ms from the
 * service's start until it reaches zero. The clock starts at the service's readiness, or
 * at the first progress if work began before readiness was reported (the listener and the
 * relay start during context refresh), so start-up time is never counted as work; with a
 * warm-up, only once its condition holds, so the JIT's compilations are not counted
 * either (a service runs for days; the figure is its steady state), and then for a given
 * number of items or until the backlog is empty.
 *
 * @param seconds from the start of timing to its end
 * @param items items done in that time
 * @param startedBeforeReady whether progress was seen before readiness
 * @param warmedUp items done before timing started
 */
record Drain(double seconds, long items, boolean startedBeforeReady, long warmedUp) {

	private static final long POLL_MILLIS = 100;

	/** Timed from readiness until a count query says no work is left. */
	static Drain await(ServiceJvm service, Connection connection, String remainingSql, long initial, Duration limit,
			CpuMeter cpu, Callable<String> diagnostics) throws Exception {
		Callable<Long> remaining = () -> count(connection, remainingSql);
		return await(service, remaining, remaining, initial, null, 0, limit, cpu, diagnostics);
	}

	/**
	 * @param progress polled every 100 ms: work left, cheap to ask, possibly a moment
	 * behind the truth, never ahead of it
	 * @param exact asked only when {@code progress} says timing may end: work left for
	 * certain
	 * @param warmUp when timing and CPU metering may start, or null to time from
	 * readiness
	 * @param timed items timed after the warm-up (0: until no work is left)
	 */
	static Drain await(ServiceJvm service, Callable<Long> progress, Callable<Long> exact, long initial, WarmUp warmUp,
			long timed, Duration limit, CpuMeter cpu, Callable<String> diagnostics) throws Exception {
		long deadline = System.nanoTime() + limit.toNanos();
		Double readyAt = null;
		Double firstProgressAt = null;
		Double warmAt = null;
		long remainingWhenWarm = initial;
		long remaining = initial;
		// Work left at which timing ends.
		long endRemaining = 0;
		boolean metering = false;
		while (System.nanoTime() < deadline) {
			if (readyAt == null && service.ready()) {
				readyAt = service.secondsSinceStart();
			}
			service.ensureAlive();
			remaining = progress.call();
			if (remaining <= endRemaining) {
				remaining = exact.call();
			}
			double now = service.secondsSinceStart();
			if (firstProgressAt == null && remaining < initial) {
				firstProgressAt = now;
			}
			if (warmUp != null && warmAt == null && readyAt != null && warmUp.over(initial - remaining)) {
				warmAt = now;
				remainingWhenWarm = remaining;
				endRemaining = (timed > 0) ? Math.max(0, remaining - timed) : 0;
				cpu.start();
				metering = true;
			}
			if (warmUp == null && !metering && (readyAt != null || firstProgressAt != null)) {
				cpu.start();
				metering = true;
			}
			if (remaining <= endRemaining && readyAt != null) {
				if (warmUp != null) {
					if (warmAt == null || remainingWhenWarm == remaining) {
						throw new IllegalStateException(
								"the backlog of " + initial + " was drained before the warm-up was over");
					}
					return new Drain(now - warmAt, remainingWhenWarm - remaining, false, initial - remainingWhenWarm);
				}
				boolean early = firstProgressAt < readyAt;
				// At the first progress seen, the work began up to one poll earlier.
				double start = early ? firstProgressAt - POLL_MILLIS / 1000.0 : readyAt;
				return new Drain(now - start, initial, early, 0);
			}
			Thread.sleep(POLL_MILLIS);
		}
		throw new IllegalStateException("backlog not drained within " + limit + ": " + remaining + " of " + initial
				+ " left; " + diagnostics.call());
	}

	/** When timing may start. */
	@FunctionalInterface
	interface WarmUp {

		/**
		 * Asked on every poll once the service is ready.
		 * @param done items done so far
		 */
		boolean over(long done) throws Exception;

	}

	/** The single number a count query returns. */
	static long count(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
