package app.flashcastr.outbox;

import io.micrometer.core.instrument.Counter;

import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * Publishing metrics: confirmed and failed publishes (contract rows, one per message per
 * attempt) and relay polls that could not publish at all
 * ({@code <prefix>_outbox_relay_errors_total{cause}}), which are not message failures: no
 * message was sent.
 */
class PublishMetrics {

	private final Counter published;

	private final Counter failed;

	private final Counter brokerUnreachable;

	private final Counter database;

	PublishMetrics(ServiceMeters meters) {
		this.published = meters.counter("messages_published", "Messages confirmed by the broker");
		this.failed = meters.counter("messages_failed",
				"Publishes nacked, returned (unroutable) or timed out, or whose send failed; one per message and attempt");
		String relayErrors = "Relay polls that published nothing because a dependency failed";
		this.brokerUnreachable = meters.counter("outbox_relay_errors", relayErrors, "cause", "broker_unreachable");
		this.database = meters.counter("outbox_relay_errors", relayErrors, "cause", "database");
	}

	void published(int count) {
		this.published.increment(count);
	}

	void failed(int count) {
		this.failed.increment(count);
	}

	/** A poll found no broker: no channel, so nothing was sent. */
	void brokerUnreachable() {
		this.brokerUnreachable.increment();
	}

	/** A poll could not read or update the outbox. */
	void databaseFailed() {
		this.database.increment();
	}

}
