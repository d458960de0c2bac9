package app.flashcastr.producer.sync;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

import io.micrometer.tracing.Span;
import jakarta.annotation.PreDestroy;
import io.micrometer.tracing.Tracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import app.flashcastr.outbox.OutboxRelay;
import app.flashcastr.producer.ProducerProperties;

/**
 * One sync run: gates, feed call, unchanged-count check, Paris filter with a fresh player
 * list, row validation, store with outbox, then an immediate relay drain. One trace per
 * run, with the feed call, the store and each publish as child spans. Only one replica
 * syncs: the one holding the PostgreSQL advisory lock, which keeps it between runs.
 */
@Component
public class FlashSync {

	private static final Logger logger = LoggerFactory.getLogger(FlashSync.class);

	private static final int MAX_INVALID_ROW_LOGS = 20;

	private final FeedClient feedClient;

	private final FlashStore store;

	private final RegisteredPlayers registeredPlayers;

	private final SyncLock lock;

	private final OutboxRelay relay;

	private final SyncMetrics metrics;

	private final SyncGate gate;

	private final Tracer tracer;

	private final Clock clock;

	private final ProducerProperties.Sync settings;

	/** The sync lock while this replica is the one that syncs; null otherwise. */
	private SyncLock.Held leadership;

	// Upstream keeps these in memory too: a restart re-processes one feed, which ON
	// CONFLICT makes harmless.
	private String lastFlashCount;

	private long unchangedRuns;

	FlashSync(FeedClient feedClient, FlashStore store, RegisteredPlayers registeredPlayers, SyncLock lock,
			OutboxRelay relay, SyncMetrics metrics, Tracer tracer, Clock clock, RandomGenerator random,
			ProducerProperties properties) {
		this.feedClient = feedClient;
		this.store = store;
		this.registeredPlayers = registeredPlayers;
		this.lock = lock;
		this.relay = relay;
		this.metrics = metrics;
		this.tracer = tracer;
		this.clock = clock;
		this.settings = properties.sync();
		this.gate = new SyncGate(this.settings, clock, random);
	}

	/**
	 * Runs one sync now, unless another replica is the one that syncs. Never throws for
	 * feed or database failures.
	 * <p>
	 * The first run that takes the sync lock keeps it (the lock's session stays open
	 * between runs), so of several replicas exactly one syncs per interval and the others
	 * count {@code sync_lock_contended}; when that replica stops or dies, PostgreSQL ends
	 * its session, and another takes the lock at its next interval.
	 */
	public synchronized SyncReport runOnce() {
		if (this.leadership != null && !this.leadership.isValid()) {
			logger.warn("Sync lock lost with its database session: taking it again");
			this.leadership.close();
			this.leadership = null;
		}
		if (this.leadership == null) {
			Optional<SyncLock.Held> held;
			try {
				held = this.lock.tryAcquire();
			}
			catch (RuntimeException ex) {
				this.metrics.failed();
				logger.warn("Sync not started: {}", ex.getMessage());
				return SyncReport.failed(null);
			}
			if (held.isEmpty()) {
				this.metrics.lockContended();
				logger.info("Sync skipped: another replica holds the sync lock");
				return SyncReport.locked();
			}
			this.leadership = held.get();
			logger.info("This replica holds the sync lock: it syncs every interval until it stops");
		}
		return runTraced();
	}

	/**
	 * Gives the sync lock up, so another replica syncs at its next interval instead of
	 * waiting for this session to time out. Waits for a run in progress.
	 */
	@PreDestroy
	public synchronized void releaseSyncLock() {
		if (this.leadership != null) {
			this.leadership.close();
			this.leadership = null;
			logger.info("Sync lock released");
		}
	}

	private SyncReport runTraced() {
		Span span = this.tracer.nextSpan().name("flash sync").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			SyncReport report = run(span.context().traceId());
			span.tag("sync.outcome", report.outcome().name().toLowerCase(java.util.Locale.ROOT));
			return report;
		}
		catch (RuntimeException ex) {
			span.error(ex);
			this.metrics.failed();
			logger.error("Sync failed: {}", ex.toString());
			return SyncReport.failed(span.context().traceId());
		}
		finally {
			span.end();
		}
	}

	private SyncReport run(String traceId) {
		long started = System.nanoTime();
		Optional<SkipReason> skip = this.gate.beforeFeedCall(this.unchangedRuns);
		if (skip.isPresent()) {
			this.metrics.skipped(skip.get());
			logger.info("Sync skipped: {}", skip.get().label());
			return SyncReport.skipped(skip.get(), traceId);
		}
		FeedResponse feed;
		try {
			feed = this.feedClient.fetch();
		}
		catch (FeedUnavailableException ex) {
			this.metrics.failed();
			logger.warn("Sync failed: {}", ex.getMessage());
			return SyncReport.failed(traceId);
		}
		parseCount(feed.flashCount()).ifPresent(this.metrics::flashCount);
		if (feed.flashCount().equals(this.lastFlashCount)) {
			this.unchangedRuns++;
			this.metrics.unchangedRuns(this.unchangedRuns);
			this.metrics.skipped(SkipReason.NO_CHANGES);
			logger.info("Sync skipped: flash_count {} unchanged ({} runs in a row)", feed.flashCount(),
					this.unchangedRuns);
			return SyncReport.skipped(SkipReason.NO_CHANGES, traceId);
		}
		if (feed.rows() == 0) {
			// An empty window with a moved count would hide flashes if remembered: keep
			// the old count and retry.
			logger.warn("Feed returned no flashes (flash_count {}); count not remembered", feed.flashCount());
			return new SyncReport(SyncReport.Outcome.PROCESSED, null, 0, 0, 0, 0, traceId);
		}
		Selection selection = select(feed);
		FlashStore.StoreResult stored = storeTraced(selection.flashes());
		// Remember the count only once the flashes are safely stored, so a failed store
		// is retried next run.
		this.lastFlashCount = feed.flashCount();
		this.unchangedRuns = 0;
		this.metrics.unchangedRuns(0);
		for (int i = 0; i < stored.rejected(); i++) {
			this.metrics.invalidRow(InvalidRowReason.DATABASE_REJECTED);
		}
		OutboxRelay.DrainResult drained = this.relay.drain();
		this.metrics.processed(stored.inserted(), stored.reannounced(), System.nanoTime() - started);
		int invalid = selection.invalid() + stored.rejected();
		logger.info(
				"Sync processed: {} rows, {} new, {} re-announced, {} invalid, {} Paris rows of unregistered "
						+ "players dropped, {} published",
				feed.rows(), stored.inserted(), stored.reannounced(), invalid, selection.parisDropped(),
				drained.confirmed());
		return new SyncReport(SyncReport.Outcome.PROCESSED, null, stored.inserted(), stored.reannounced(), invalid,
				drained.confirmed(), traceId);
	}

	private FlashStore.StoreResult storeTraced(List<FeedFlash> flashes) {
		Span span = this.tracer.nextSpan().name("store flashes").tag("flashes.count", flashes.size()).start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			return this.store.store(flashes, this.settings.reannounceInterval());
		}
		catch (RuntimeException ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

	/**
	 * Paris rows only for registered players (the same filter for storing and
	 * publishing), then validation.
	 */
	private Selection select(FeedResponse feed) {
		Set<String> players = this.registeredPlayers.lowerCaseNames();
		Map<Long, FeedFlash> valid = new LinkedHashMap<>();
		int invalid = 0;
		int parisDropped = 0;
		var now = this.clock.instant();
		for (JsonNode row : feed.withoutParis()) {
			invalid += accept(FlashValidator.validate(row, false, now), invalid, valid);
		}
		for (JsonNode row : feed.withParis()) {
			FlashValidator.Result result = FlashValidator.validate(row, true, now);
			if (result instanceof FlashValidator.Valid(FeedFlash flash)
					&& !players.contains(flash.player().toLowerCase(java.util.Locale.ROOT))) {
				parisDropped++;
				continue;
			}
			invalid += accept(result, invalid, valid);
		}
		if (invalid > MAX_INVALID_ROW_LOGS) {
			logger.warn("{} invalid feed rows in this run ({} logged)", invalid, MAX_INVALID_ROW_LOGS);
		}
		return new Selection(new ArrayList<>(valid.values()), invalid, parisDropped);
	}

	/**
	 * Adds a valid row (first occurrence wins) or counts and logs an invalid one; returns
	 * 1 if invalid.
	 */
	private int accept(FlashValidator.Result result, int invalidSoFar, Map<Long, FeedFlash> valid) {
		if (result instanceof FlashValidator.Valid(FeedFlash flash)) {
			valid.putIfAbsent(flash.flashId(), flash);
			return 0;
		}
		FlashValidator.Invalid invalid = (FlashValidator.Invalid) result;
		this.metrics.invalidRow(invalid.reason());
		if (invalidSoFar < MAX_INVALID_ROW_LOGS) {
			logger.warn("Skipped invalid feed row (flash_id {}): {}",
					(invalid.flashId() != null) ? invalid.flashId() : "unknown", invalid.reason().label());
		}
		return 1;
	}

	private static Optional<Long> parseCount(String flashCount) {
		try {
			return Optional.of(Long.parseLong(flashCount));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private record Selection(List<FeedFlash> flashes, int invalid, int parisDropped) {
	}

}
