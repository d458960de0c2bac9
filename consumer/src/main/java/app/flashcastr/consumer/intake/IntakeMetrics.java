package app.flashcastr.consumer.intake;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

import app.flashcastr.consumer.ConsumerProperties;
import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * The consumer's metrics: every consumer row of shared/spec/metrics.md plus in-flight,
 * dead letters by reason, slow messages, backpressure, message age and freshness. Label
 * values are registered up front so panels show 0.
 */
@Component
public class IntakeMetrics {

	static final double[] PROCESSING_BUCKETS = { 0.1, 0.5, 1, 2, 5, 10, 30, 60 };

	static final double[] FRESHNESS_BUCKETS = { 1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 21600 };

	/** Why a message was dead-lettered; the {@code reason} label. */
	public static final String[] DEATH_REASONS = { "malformed_json", "unknown_type", "unsupported_version",
			"invalid_payload", "unknown_flash", "not_found", "not_an_image", "too_large", "download_error",
			"ipfs_rejected", "ipfs_error" };

	private final Clock clock;

	private final ConsumerProperties.Intake settings;

	private final Counter processed;

	private final Counter failed;

	private final Counter duplicates;

	private final Counter ipfsUploads;

	private final Counter ipfsFailures;

	private final Counter slow;

	private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();

	private final Timer processing;

	private final DistributionSummary freshness;

	private final Map<FailureType, AtomicLong> consecutive = new ConcurrentHashMap<>();

	private final AtomicLong inFlight = new AtomicLong();

	private final AtomicLong lastProcessed = new AtomicLong();

	private final AtomicLong queueDepth = new AtomicLong();

	private final AtomicLong messageAgeSeconds = new AtomicLong();

	private volatile DoubleSupplier breakerState = () -> 0;

	IntakeMetrics(ServiceMeters meters, Clock clock, ConsumerProperties properties) {
		this.clock = clock;
		this.settings = properties.intake();
		this.processed = meters.counter("flashes_processed", "Flashes pinned and stored");
		this.failed = meters.counter("flashes_failed", "Flash processing attempts that failed");
		this.duplicates = meters.counter("flashes_duplicate",
				"Messages for flashes that already had a CID (acked without work)");
		this.ipfsUploads = meters.counter("ipfs_uploads", "Successful IPFS pins");
		this.ipfsFailures = meters.counter("ipfs_failures", "Failed IPFS pin calls");
		this.slow = meters.counter("slow_processing", "Messages slower than the slow threshold (receive to ack)");
		for (String reason : DEATH_REASONS) {
			this.deadLettered.put(reason,
					meters.counter("dead_lettered", "Messages dead-lettered, by reason", "reason", reason));
		}
		this.processing = meters.histogram("processing_duration", "One message, receive to ack", PROCESSING_BUCKETS);
		this.freshness = meters.summaryHistogram("freshness", "Producer first saw the flash to its CID committed",
				"seconds", FRESHNESS_BUCKETS);
		for (FailureType type : FailureType.values()) {
			AtomicLong value = new AtomicLong();
			this.consecutive.put(type, value);
			meters.gauge("consecutive_failures", "Current run of consecutive failures", value, AtomicLong::get, "type",
					type.label());
		}
		meters.gauge("in_flight", "Messages being processed now", this.inFlight, AtomicLong::get);
		meters.gauge("last_processed_timestamp", "Unix seconds of the last processed flash", this.lastProcessed,
				AtomicLong::get);
		meters.gauge("queue_depth", "Ready messages in the consumer's queue, read from the broker", this.queueDepth,
				AtomicLong::get);
		meters.gauge("oldest_message_age_seconds", "Age of the newest message taken from the queue (head of line)",
				this.messageAgeSeconds, AtomicLong::get);
		meters.gauge("backpressure_status", "0 normal, 1 warning, 2 critical (queue depth and message age)", this,
				IntakeMetrics::backpressure);
		meters.gauge("circuit_breaker_state", "IPFS breaker: 0 closed, 1 open, 2 half-open", this,
				(metrics) -> metrics.breakerState.getAsDouble());
	}

	/** Lets the breaker's owner publish its state. */
	public void breakerState(DoubleSupplier state) {
		this.breakerState = state;
	}

	void started() {
		this.inFlight.incrementAndGet();
	}

	void finished(long startedNanos) {
		this.inFlight.decrementAndGet();
		long nanos = System.nanoTime() - startedNanos;
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

	void failed(FailureType type) {
		this.failed.increment();
		this.consecutive.get(type).incrementAndGet();
	}

	void recovered(FailureType type) {
		this.consecutive.get(type).set(0);
	}

	void deadLettered(String reason) {
		this.deadLettered.get(reason).increment();
	}

	/** A successful IPFS pin. */
	public void ipfsSucceeded() {
		this.ipfsUploads.increment();
		this.consecutive.get(FailureType.IPFS).set(0);
	}

	/** A failed IPFS pin call. */
	public void ipfsFailed() {
		this.ipfsFailures.increment();
		this.consecutive.get(FailureType.IPFS).incrementAndGet();
	}

	void queueDepth(long depth) {
		this.queueDepth.set(depth);
	}

	void messageAge(java.util.Date timestamp) {
		if (timestamp != null) {
			this.messageAgeSeconds
				.set(Math.max(0, Duration.between(timestamp.toInstant(), this.clock.instant()).toSeconds()));
		}
	}

	int backpressure() {
		long depth = this.queueDepth.get();
		long age = this.messageAgeSeconds.get();
		if (depth >= this.settings.backlogCritical() || age >= this.settings.ageCritical().toSeconds()) {
			return 2;
		}
		if (depth >= this.settings.backlogWarning() || age >= this.settings.ageWarning().toSeconds()) {
			return 1;
		}
		return 0;
	}

	/** What kind of dependency failed; the {@code type} label of consecutive failures. */
	enum FailureType {

		DOWNLOAD, IPFS, DATABASE;

		String label() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
