package app.flashcastr.producer.sync;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * The sync's metrics (contract rows of {@code invaders_bot_*} in shared/spec/metrics.md,
 * plus invalid rows and failed runs). Every label value is registered at start-up so
 * dashboards show 0 rather than "No data".
 */
@Component
class SyncMetrics {

	static final double[] SYNC_DURATION_BUCKETS = { 0.1, 0.5, 1, 2, 5, 10, 30, 60, 120 };

	private final Clock clock;

	private final Counter apiSuccess;

	private final Counter apiError;

	private final Map<SkipReason, Counter> skipped = new EnumMap<>(SkipReason.class);

	private final Map<InvalidRowReason, Counter> invalidRows = new EnumMap<>(InvalidRowReason.class);

	private final Counter flashesNew;

	private final Counter flashesReannounced;

	private final Counter syncFailures;

	private final Counter lockContended;

	private final Timer syncDuration;

	private final AtomicLong consecutiveUnchanged = new AtomicLong();

	private final AtomicLong lastFlashCount = new AtomicLong();

	private final AtomicLong lastSyncEpochSeconds = new AtomicLong();

	private final AtomicLong lastApiCallEpochSeconds = new AtomicLong();

	SyncMetrics(ServiceMeters meters, Clock clock) {
		this.clock = clock;
		this.apiSuccess = meters.counter("api_calls", "Calls to the Space Invaders flash feed", "result", "success");
		this.apiError = meters.counter("api_calls", "Calls to the Space Invaders flash feed", "result", "error");
		for (SkipReason reason : SkipReason.values()) {
			this.skipped.put(reason, meters.counter("sync_skipped", "Sync runs skipped", "reason", reason.label()));
		}
		for (InvalidRowReason reason : InvalidRowReason.values()) {
			this.invalidRows.put(reason, meters.counter("flashes_invalid",
					"Feed rows rejected by validation (counted and skipped)", "reason", reason.label()));
		}
		this.flashesNew = meters.counter("flashes_new", "Flashes newly inserted into flashes");
		this.flashesReannounced = meters.counter("flashes_reannounced",
				"Stored flashes still missing an IPFS CID announced again");
		this.syncFailures = meters.counter("sync_failures", "Sync runs that ended in an error");
		this.lockContended = meters.counter("sync_lock_contended",
				"Sync runs not started because another replica held the sync lock");
		this.syncDuration = meters.histogram("sync_duration", "One sync run that processed data",
				SYNC_DURATION_BUCKETS);
		meters.gauge("consecutive_unchanged_syncs", "Runs in a row where the feed's flash_count did not change",
				this.consecutiveUnchanged, AtomicLong::get);
		meters.gauge("last_flash_count", "The feed's global flash_count", this.lastFlashCount, AtomicLong::get);
		meters.gauge("last_sync_timestamp", "Unix seconds of the last sync that processed new data",
				this.lastSyncEpochSeconds, AtomicLong::get);
		meters.gauge("last_api_call_timestamp", "Unix seconds of the last feed call", this.lastApiCallEpochSeconds,
				AtomicLong::get);
	}

	void apiCallStarted() {
		this.lastApiCallEpochSeconds.set(this.clock.instant().getEpochSecond());
	}

	void apiCall(boolean success) {
		(success ? this.apiSuccess : this.apiError).increment();
	}

	void skipped(SkipReason reason) {
		this.skipped.get(reason).increment();
	}

	void invalidRow(InvalidRowReason reason) {
		this.invalidRows.get(reason).increment();
	}

	void unchangedRuns(long runs) {
		this.consecutiveUnchanged.set(runs);
	}

	void flashCount(long count) {
		this.lastFlashCount.set(count);
	}

	void processed(int newFlashes, int reannounced, long durationNanos) {
		this.flashesNew.increment(newFlashes);
		this.flashesReannounced.increment(reannounced);
		this.syncDuration.record(durationNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
		this.lastSyncEpochSeconds.set(this.clock.instant().getEpochSecond());
	}

	void failed() {
		this.syncFailures.increment();
	}

	void lockContended() {
		this.lockContended.increment();
	}

}
