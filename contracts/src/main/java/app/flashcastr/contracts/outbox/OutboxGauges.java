package app.flashcastr.contracts.outbox;

import java.time.Clock;
import java.time.Duration;

import app.flashcastr.observability.metrics.ScrapeTimeReading;
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

	private final ScrapeTimeReading<Outbox.OutboxStats> reading;

	private final Clock clock;

	OutboxGauges(Outbox outbox, Clock clock, ServiceMeters meters) {
		this.reading = new ScrapeTimeReading<>("outbox-gauges", outbox::stats, MAX_AGE, MAX_WAIT);
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
		return this.reading.get();
	}

}
