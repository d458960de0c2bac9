package app.flashcastr.producer.cast;

import io.micrometer.core.instrument.Counter;

import org.springframework.stereotype.Component;

import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * Cast counters of the metric contract. Registered now so the dashboards' cast panels
 * show 0; the auto-cast worker (a later issue) increments them.
 */
@Component
public class CastMetrics {

	private final Counter published;

	private final Counter failed;

	CastMetrics(ServiceMeters meters) {
		this.published = meters.counter("casts_published", "Farcaster casts accepted by Neynar");
		this.failed = meters.counter("casts_failed", "Cast attempts that failed");
	}

	/** A cast Neynar accepted. */
	public void published() {
		this.published.increment();
	}

	/** A cast attempt that failed. */
	public void failed() {
		this.failed.increment();
	}

}
