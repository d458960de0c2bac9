package app.flashcastr.consumer.intake;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * The consumer's metrics: every consumer row of shared/spec/metrics.md plus in-flight,
 * dead letters by reason, slow messages, backpressure, message age and freshness. Label
 * values are registered up front so panels show 0. Gauges are computed when scraped, so a
 * dashboard or an alert never sees a stale state. (Retries and consecutive failures per
 * service are {@code app.flashcastr.consumer.outage}'s.)
 */
@Component
public class IntakeMetrics {

	static final double[] PROCESSING_BUCKETS = { 0.1, 0.5, 1, 2, 5, 10, 30, 60 };

	static final double[] FRESHNESS_BUCKETS = { 1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 21600 };

	/**
	 * Why a message was dead-lettered; the {@code reason} label. {@code download_error}
	 * and {@code ipfs_error} are no longer produced (a transient failure holds the
	 * message) but stay registered so existing panels and queries keep their series.
	 */
	public static final String[] DEATH_REASONS = { "malformed_json", "unknown_type", "unsupported_version",
			"invalid_payload", "unknown_flash", "not_found", "not_an_image", "too_large", "download_error",
			"ipfs_rejected", "ipfs_error" };

	private final Clock clock;

	private final IntakeProperties settings;

	private final Counter processed;

	private final Counter failed;

	private final Counter duplicates;

	private final Counter ipfsUploads;

	private final Counter ipfsFailures;

	private final Counter slow;

	private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();

	private final Timer processing;

	private final DistributionSummary freshness;

	private final AtomicLong inFlight = new AtomicLong();

	private final AtomicLong lastProcessed = new AtomicLong();

	private final Set<Batch> unacked = ConcurrentHashMap.newKeySet();

	private volatile DoubleSupplier queueDepth = () -> Double.NaN;

	private volatile DoubleSupplier breakerState = () -> 0;

	IntakeMetrics(ServiceMeters meters, Clock clock, IntakeProperties settings) {
		this.clock = clock;
		this.settings = settings;
		this.processed = meters.counter("flashes_processed", "Flashes pinned and stored");
		this.failed = meters.counter("flashes_failed",
				"Flashes whose download or pin failed for good (dead-lettered); retries are not failures");
		this.duplicates = meters.counter("flashes_duplicate",
				"Messages for flashes that already had a CID (acked without work)");
		this.ipfsUploads = meters.counter("ipfs_uploads", "Successful IPFS pins");
		this.ipfsFailures = meters.counter("ipfs_failures", "Failed IPFS pin calls");
		this.slow = meters.counter("slow_processing", "Messages slower than the slow threshold (receive to decided)");
		for (String reason : DEATH_REASONS) {
			this.deadLettered.put(reason,
					meters.counter("dead_lettered", "Messages dead-lettered, by reason", "reason", reason));
		}
		this.processing = meters.histogram("processing_duration",
				"One message, received to decided, recorded in its flash's trace", PROCESSING_BUCKETS);
		this.freshness = meters.summaryHistogram("freshness", "Producer first saw the flash to its CID committed",
				"seconds", FRESHNESS_BUCKETS);
		meters.gauge("in_flight", "Messages being processed now", this.inFlight, AtomicLong::get);
		meters.gauge("last_processed_timestamp", "Unix seconds of the last processed flash", this.lastProcessed,
				AtomicLong::get);
		meters.gauge("queue_depth",
				"Ready messages in the consumer's queue, read from the broker when scraped (NaN when it cannot be asked)",
				this, (metrics) -> metrics.queueDepth.getAsDouble());
		meters.gauge("oldest_message_age_seconds",
				"Age of the oldest message taken from the queue and not yet acknowledged, 0 when none", this,
				IntakeMetrics::oldestMessageAge);
		meters.gauge("backpressure_status", "0 normal, 1 warning, 2 critical (queue depth and message age)", this,
				IntakeMetrics::backpressure);
		meters.gauge("circuit_breaker_state", "IPFS breaker: 0 closed, 1 open, 2 half-open", this,
				(metrics) -> metrics.breakerState.getAsDouble());
	}

	/** Lets the breaker's owner publish its state. */
	public void breakerState(DoubleSupplier state) {
		this.breakerState = state;
	}

	/** Lets the queue's reader publish its depth (read when scraped). */
	void queueDepth(DoubleSupplier depth) {
		this.queueDepth = depth;
	}

	/**
	 * A batch taken from the queue, in flight until {@link Batch#close()}.
	 * @param size messages in the batch
	 * @param oldestSentMillis the oldest message timestamp of the batch (epoch millis),
	 * or {@link Long#MAX_VALUE} when none carries one
	 */
	Batch received(int size, long oldestSentMillis) {
		Batch batch = new Batch(size, oldestSentMillis);
		this.inFlight.addAndGet(size);
		this.unacked.add(batch);
		return batch;
	}

	/**
	 * One message decided; called in its flash's span, so the histogram's bucket carries
	 * the trace as an exemplar.
	 */
	void decided(long receivedNanos) {
		long nanos = System.nanoTime() - receivedNanos;
		this.processing.record(nanos, TimeUnit.NANOSECONDS);
		if (nanos > this.settings.slowThreshold().toNanos()) {
			this.slow.increment();
		}
	}

	void processed(java.time.Instant firstSeenAt) {
		this.processed.increment();
		this.lastProcessed.set(this.clock.instant().getEpochSecond());
		if (firstSeenAt != null) {
			this.freshness.record(Math.max(0, Duration.between(firstSeenAt, this.clock.instant()).toMillis() / 1000.0));
		}
	}

	void duplicate() {
		this.duplicates.increment();
	}

	/** A flash whose download or pin failed for good (it is being dead-lettered). */
	void failedForGood() {
		this.failed.increment();
	}

	void deadLettered(String reason) {
		this.deadLettered.get(reason).increment();
	}

	/** A successful IPFS pin. */
	public void ipfsSucceeded() {
		this.ipfsUploads.increment();
	}

	/** A failed IPFS pin call. */
	public void ipfsFailed() {
		this.ipfsFailures.increment();
	}

	long oldestMessageAge() {
		long oldest = Long.MAX_VALUE;
		for (Batch batch : this.unacked) {
			oldest = Math.min(oldest, batch.oldestSentMillis);
		}
		return (oldest == Long.MAX_VALUE) ? 0 : Math.max(0, (this.clock.millis() - oldest) / 1000);
	}

	/** From queue depth and message age; on age alone when the depth is unknown (NaN). */
	int backpressure() {
		double depth = this.queueDepth.getAsDouble();
		long age = oldestMessageAge();
		if (depth >= this.settings.backlogCritical() || age >= this.settings.ageCritical().toSeconds()) {
			return 2;
		}
		if (depth >= this.settings.backlogWarning() || age >= this.settings.ageWarning().toSeconds()) {
			return 1;
		}
		return 0;
	}

	/** Messages of one batch, counted in flight and in the oldest age until closed. */
	final class Batch implements AutoCloseable {

		private final int size;

		private final long oldestSentMillis;

		private Batch(int size, long oldestSentMillis) {
			this.size = size;
			this.oldestSentMillis = oldestSentMillis;
		}

		@Override
		public void close() {
			if (IntakeMetrics.this.unacked.remove(this)) {
				IntakeMetrics.this.inFlight.addAndGet(-this.size);
			}
		}

	}

}
