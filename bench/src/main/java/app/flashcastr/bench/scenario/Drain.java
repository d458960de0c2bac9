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
 * relay start during context refresh), so start-up time is never counted as work.
 *
 * @param seconds from the start of work to an empty backlog
 * @param startedBeforeReady whether progress was seen before readiness
 */
record Drain(double seconds, boolean startedBeforeReady) {

	private static final long POLL_MILLIS = 100;

	static Drain await(ServiceJvm service, Connection connection, String remainingSql, long initial, Duration limit,
			CpuMeter cpu, Callable<String> diagnostics) throws Exception {
		long deadline = System.nanoTime() + limit.toNanos();
		Double readyAt = null;
		Double firstProgressAt = null;
		long remaining = initial;
		boolean metering = false;
		while (System.nanoTime() < deadline) {
			if (readyAt == null && service.ready()) {
				readyAt = service.secondsSinceStart();
			}
			service.ensureAlive();
			remaining = count(connection, remainingSql);
			double now = service.secondsSinceStart();
			if (firstProgressAt == null && remaining < initial) {
				firstProgressAt = now;
			}
			if (!metering && (readyAt != null || firstProgressAt != null)) {
				cpu.start();
				metering = true;
			}
			if (remaining == 0 && readyAt != null) {
				boolean early = firstProgressAt < readyAt;
				// At the first progress seen, the work began up to one poll earlier.
				double start = early ? firstProgressAt - POLL_MILLIS / 1000.0 : readyAt;
				return new Drain(now - start, early);
			}
			Thread.sleep(POLL_MILLIS);
		}
		throw new IllegalStateException("backlog not drained within " + limit + ": " + remaining + " of " + initial
				+ " left; " + diagnostics.call());
	}

	private static long count(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
