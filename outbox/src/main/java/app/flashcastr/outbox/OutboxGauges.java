package app.flashcastr.outbox;

import java.time.Clock;
import java.time.Duration;

import app.flashcastr.observability.metrics.ScrapeTimeReading;
import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * The outbox gauges ({@code <prefix>_outbox_depth}, {@code _outbox_oldest_age_seconds}),
 * read from the table for the scrapes: a scrape is served the last {@code count(*)} at
 * once and starts the next one in the background when it is older than {@link #MAX_AGE},
 * so a scrape never waits on PostgreSQL; a query failing or running longer than
 * {@link #MAX_WAIT} yields NaN (unknown) instead of a stale value.
 */
final class OutboxGauges {

	/**
	 * A reading this young is not refreshed: both gauges of one scrape cost one query.
	 */
	static final Duration MAX_AGE = Duration.ofSeconds(1);

	/** A count running longer than this means the database is in trouble: unknown. */
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

	/** The outbox at the last reading, or null when unknown. */
	Outbox.OutboxStats stats() {
		return this.reading.get();
	}

}
