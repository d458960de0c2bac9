package app.flashcastr.contracts.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * The outbox gauges ({@code <prefix>_outbox_depth}, {@code _outbox_oldest_age_seconds}),
 * read from the table when scraped: one {@code count(*)} serves every scrape within
 * {@link #MAX_AGE}, and a scrape waits at most {@link #MAX_WAIT} for it, so a database
 * outage yields NaN (unknown) instead of a stalled scrape or a stale value.
 */
final class OutboxGauges {

	/** A reading this young is reused: both gauges of one scrape cost one query. */
	static final Duration MAX_AGE = Duration.ofSeconds(1);

	/** Well under Prometheus's 10 s scrape timeout. */
	static final Duration MAX_WAIT = Duration.ofSeconds(2);

	private static final Logger logger = LoggerFactory.getLogger(OutboxGauges.class);

	private final Outbox outbox;

	private final Clock clock;

	private Reading last;

	private CompletableFuture<Outbox.OutboxStats> inFlight;

	OutboxGauges(Outbox outbox, Clock clock, ServiceMeters meters) {
		this.outbox = outbox;
		this.clock = clock;
		meters.gauge("outbox_depth", "Outbox entries not yet confirmed by the broker (read when scraped)", this,
				OutboxGauges::depth);
		meters.gauge("outbox_oldest_age_seconds", "Age of the oldest outbox entry (0 when empty, read when scraped)",
				this, OutboxGauges::oldestAgeSeconds);
	}

	double depth() {
		Outbox.OutboxStats stats = stats();
		return (stats != null) ? stats.depth() : Double.NaN;
	}

	double oldestAgeSeconds() {
		Outbox.OutboxStats stats = stats();
		if (stats == null) {
			return Double.NaN;
		}
		return (stats.oldest() != null)
				? Math.max(0, Duration.between(stats.oldest(), this.clock.instant()).toMillis() / 1000.0) : 0;
	}

	/** The outbox as it is now (within {@link #MAX_AGE}), or null when unreadable. */
	Outbox.OutboxStats stats() {
		CompletableFuture<Outbox.OutboxStats> reading;
		synchronized (this) {
			if (this.last != null && System.nanoTime() - this.last.readAtNanos() < MAX_AGE.toNanos()) {
				return this.last.stats();
			}
			if (this.inFlight == null) {
				// Off the scrape thread, so a pool waiting for a dead database cannot
				// hold
				// the scrape longer than MAX_WAIT; concurrent scrapes share the query.
				this.inFlight = CompletableFuture.supplyAsync(this::read,
						(task) -> Thread.ofVirtual().name("outbox-gauges").start(task));
			}
			reading = this.inFlight;
		}
		try {
			return reading.get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			logger.debug("Outbox gauges unreadable: {}", ex.toString());
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private Outbox.OutboxStats read() {
		try {
			Outbox.OutboxStats stats = this.outbox.stats();
			synchronized (this) {
				this.last = new Reading(stats, System.nanoTime());
			}
			return stats;
		}
		finally {
			synchronized (this) {
				this.inFlight = null;
			}
		}
	}

	private record Reading(Outbox.OutboxStats stats, long readAtNanos) {
	}

}
