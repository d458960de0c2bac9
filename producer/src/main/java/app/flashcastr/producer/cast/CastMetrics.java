package app.flashcastr.producer.cast;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;

import org.springframework.stereotype.Component;

import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * Cast metrics: the contract's published/failed counters, refused signers, the cast
 * backlog, and the "castable → cast" companion of the consumer's freshness histogram.
 */
@Component
public class CastMetrics {

	/** Same buckets as {@code invaders_consumer_freshness_seconds}, so they line up. */
	static final double[] FRESHNESS_BUCKETS = { 1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 21600 };

	private final Counter published;

	private final Counter failed;

	private final Counter signersRefused;

	private final DistributionSummary freshness;

	private final AtomicLong pending = new AtomicLong();

	CastMetrics(ServiceMeters meters) {
		this.published = meters.counter("casts_published", "Farcaster casts accepted by Neynar");
		this.failed = meters.counter("casts_failed", "Cast attempts that failed");
		this.signersRefused = meters.counter("cast_signers_refused",
				"Users whose auto-cast was turned off because Neynar refused their signer");
		this.freshness = meters.summaryHistogram("cast_freshness", "Flash castable (CID committed) to cast accepted",
				"seconds", FRESHNESS_BUCKETS);
		meters.gauge("casts_pending", "Casts waiting to be made (pending, not given up)", this.pending,
				AtomicLong::get);
	}

	/** A cast Neynar accepted, for a flash castable since {@code castableAt}. */
	void published(Instant castableAt, Instant now) {
		this.published.increment();
		if (castableAt != null) {
			this.freshness.record(Math.max(0, Duration.between(castableAt, now).toMillis() / 1000.0));
		}
	}

	/** A cast attempt that failed. */
	void failed() {
		this.failed.increment();
	}

	/** A user's auto-cast turned off for a refused signer. */
	void signerRefused() {
		this.signersRefused.increment();
	}

	void pending(long count) {
		this.pending.set(count);
	}

}
