package app.flashcastr.contracts.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;

import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * Publishing metrics: confirmed and failed publishes (contract rows) and the outbox's
 * depth and age.
 */
class PublishMetrics {

	private final Counter published;

	private final Counter failed;

	private final AtomicLong depth = new AtomicLong();

	private final AtomicLong oldestAgeSeconds = new AtomicLong();

	PublishMetrics(ServiceMeters meters) {
		this.published = meters.counter("messages_published", "Messages confirmed by the broker");
		this.failed = meters.counter("messages_failed", "Publishes nacked, returned (unroutable) or timed out");
		meters.gauge("outbox_depth", "Outbox entries not yet confirmed by the broker", this.depth, AtomicLong::get);
		meters.gauge("outbox_oldest_age_seconds", "Age of the oldest outbox entry (0 when empty)",
				this.oldestAgeSeconds, AtomicLong::get);
	}

	void published(int count) {
		this.published.increment(count);
	}

	void failed(int count) {
		this.failed.increment(count);
	}

	void outbox(Outbox.OutboxStats stats, Clock clock) {
		this.depth.set(stats.depth());
		this.oldestAgeSeconds.set((stats.oldest() != null)
				? Math.max(0, Duration.between(stats.oldest(), clock.instant()).toSeconds()) : 0);
	}

}
