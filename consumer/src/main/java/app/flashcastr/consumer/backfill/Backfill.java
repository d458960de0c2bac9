package app.flashcastr.consumer.backfill;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import app.flashcastr.contracts.messaging.Envelope;
import app.flashcastr.contracts.messaging.FlashReceived;
import app.flashcastr.contracts.messaging.FlashTopology;
import app.flashcastr.contracts.messaging.MessageType;
import app.flashcastr.observability.metrics.ServiceMeters;
import app.flashcastr.outbox.Outbox;
import app.flashcastr.outbox.OutboxRelay;

/**
 * Announces every stored flash still missing a CID again, in flash id order, at a fixed
 * rate, through the outbox; the normal intake pins them (with its breaker, retries and
 * dead letters). Its cursor is committed with each chunk, so a restart resumes where it
 * stopped (upstream once had 5.5 million such flashes). Progress: a log line every 10 s,
 * gauges, and the {@code backfill} actuator endpoint.
 */
@Component
class Backfill implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(Backfill.class);

	private static final Duration TICK = Duration.ofMillis(100);

	private static final Duration LOG_EVERY = Duration.ofSeconds(10);

	private static final Duration RESUME_RETRY = Duration.ofSeconds(5);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Outbox outbox;

	private final OutboxRelay relay;

	private final Clock clock;

	private final BackfillProperties settings;

	private final String source;

	private final AtomicLong total = new AtomicLong();

	private final AtomicLong queued = new AtomicLong();

	private final AtomicLong remaining = new AtomicLong();

	private volatile double ratePerSecond;

	private volatile Instant startedAt;

	private volatile Instant finishedAt;

	private volatile Thread worker;

	private volatile Thread resumer;

	Backfill(JdbcTemplate jdbc, TransactionTemplate transactions, Outbox outbox, OutboxRelay relay, Clock clock,
			BackfillProperties settings, ServiceMeters meters, @Value("${spring.application.name}") String source) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.outbox = outbox;
		this.relay = relay;
		this.clock = clock;
		this.settings = settings;
		this.source = source;
		meters.gauge("backfill_running", "1 while a backfill runs", this, (b) -> b.running() ? 1 : 0);
		meters.gauge("backfill_total_flashes", "Flashes missing a CID when the backfill started", this.total,
				AtomicLong::get);
		meters.gauge("backfill_queued_flashes", "Flashes the backfill has announced", this.queued, AtomicLong::get);
		meters.gauge("backfill_remaining_flashes", "Flashes still missing a CID (refreshed by the backfill)",
				this.remaining, AtomicLong::get);
		meters.gauge("backfill_rate", "Announcements per second since the backfill started", this,
				Backfill::currentRate);
		meters.gauge("backfill_eta_seconds", "Estimated seconds until every flash is announced", this,
				Backfill::etaSeconds);
	}

	/** Starts (or resumes) a backfill; a no-op when one runs. */
	public synchronized Progress start(Integer rate) {
		if (running()) {
			return progress();
		}
		int perSecond = (rate != null && rate > 0) ? rate : this.settings.ratePerSecond();
		long missing = countMissing();
		this.jdbc.update(
				"""
						INSERT INTO consumer_backfill (id, running, cursor, total, queued, rate, started_at, finished_at)
						VALUES (1, TRUE, 0, ?, 0, ?, now(), NULL)
						ON CONFLICT (id) DO UPDATE SET running = TRUE, rate = EXCLUDED.rate,
						    -- Resume an unfinished one; start over after a finished one.
						    cursor = CASE WHEN consumer_backfill.finished_at IS NULL THEN consumer_backfill.cursor ELSE 0 END,
						    queued = CASE WHEN consumer_backfill.finished_at IS NULL THEN consumer_backfill.queued ELSE 0 END,
						    total = CASE WHEN consumer_backfill.finished_at IS NULL THEN consumer_backfill.total ELSE EXCLUDED.total END,
						    started_at = CASE WHEN consumer_backfill.finished_at IS NULL THEN consumer_backfill.started_at ELSE now() END,
						    finished_at = NULL
						""",
				missing, perSecond);
		launch();
		return progress();
	}

	/** Pauses after the current chunk; {@link #start(Integer)} resumes from there. */
	public synchronized Progress pause() {
		Thread current = this.worker;
		if (current != null) {
			this.jdbc.update("UPDATE consumer_backfill SET running = FALSE WHERE id = 1");
			current.interrupt();
			this.worker = null;
		}
		return progress();
	}

	/** Where the backfill stands, with a fresh count of what is still missing. */
	public Progress progress() {
		this.remaining.set(countMissing());
		return snapshot();
	}

	private Progress snapshot() {
		return new Progress(running(), this.total.get(), this.queued.get(), this.remaining.get(), currentRate(),
				etaSeconds(), this.startedAt);
	}

	private void launch() {
		this.jdbc.query("SELECT cursor, total, queued, rate, started_at FROM consumer_backfill WHERE id = 1", (rs) -> {
			long cursor = rs.getLong(1);
			this.total.set(rs.getLong(2));
			this.queued.set(rs.getLong(3));
			this.ratePerSecond = rs.getInt(4);
			Timestamp started = rs.getTimestamp(5);
			this.startedAt = (started != null) ? started.toInstant() : this.clock.instant();
			this.finishedAt = null;
			this.worker = Thread.ofVirtual().name("backfill").start(() -> run(cursor));
		});
	}

	private void run(long startCursor) {
		long cursor = startCursor;
		long sessionStart = System.nanoTime();
		long sessionQueued = 0;
		Instant nextLog = this.clock.instant();
		int chunk = (int) Math.max(1, Math.round(this.ratePerSecond * TICK.toMillis() / 1000.0));
		logger.info("Backfill started: {} flashes missing a CID, {} per second, from flash id {}", this.total.get(),
				(int) this.ratePerSecond, cursor);
		try {
			while (!Thread.currentThread().isInterrupted()) {
				List<FlashReceived> page = missingAfter(cursor, Math.min(chunk, this.settings.pageSize()));
				if (page.isEmpty()) {
					finish();
					return;
				}
				cursor = announce(page);
				sessionQueued += page.size();
				this.relay.drainSoon();
				if (!this.clock.instant().isBefore(nextLog)) {
					this.remaining.set(countMissing());
					logger.info("Backfill: {}", progress().describe());
					nextLog = this.clock.instant().plus(LOG_EVERY);
				}
				// Rate limit: sleep until this session's announcements are back under
				// rate × elapsed.
				long dueNanos = (long) (sessionQueued / this.ratePerSecond * 1_000_000_000L);
				long sleepNanos = dueNanos - (System.nanoTime() - sessionStart);
				if (sleepNanos > 0) {
					Thread.sleep(Duration.ofNanos(sleepNanos));
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			logger.info("Backfill paused at flash id {}: {}", cursor, snapshot().describe());
		}
		catch (RuntimeException ex) {
			// The cursor is committed with each chunk: a later start resumes from there.
			logger.error("Backfill stopped at flash id {}: {}", cursor, ex.toString());
			this.worker = null;
		}
	}

	private long announce(List<FlashReceived> page) {
		long last = page.get(page.size() - 1).flashId();
		Instant now = this.clock.instant();
		List<Envelope<FlashReceived>> envelopes = new ArrayList<>(page.size());
		for (FlashReceived flash : page) {
			envelopes.add(Envelope.of(MessageType.FLASH_RECEIVED, now, this.source,
					Envelope.correlationIdOf(flash.flashId()), flash));
		}
		Long[] ids = page.stream().map(FlashReceived::flashId).toArray(Long[]::new);
		this.transactions.executeWithoutResult((status) -> {
			this.outbox.enqueue(FlashTopology.EVENTS_EXCHANGE, envelopes);
			this.jdbc.update("UPDATE flashes SET last_announced_at = now() WHERE flash_id = ANY(?)",
					(java.sql.PreparedStatement ps) -> ps.setArray(1, ps.getConnection().createArrayOf("int8", ids)));
			this.jdbc.update("UPDATE consumer_backfill SET cursor = ?, queued = queued + ? WHERE id = 1", last,
					page.size());
		});
		this.queued.addAndGet(page.size());
		return last;
	}

	private void finish() {
		this.jdbc.update("UPDATE consumer_backfill SET running = FALSE, finished_at = now() WHERE id = 1");
		this.finishedAt = this.clock.instant();
		this.worker = null;
		logger.info("Backfill finished: {}", progress().describe());
	}

	private List<FlashReceived> missingAfter(long cursor, int limit) {
		return this.jdbc.query("""
				SELECT flash_id, img, city, text, player, EXTRACT(EPOCH FROM timestamp)::bigint, flash_count,
				       first_seen_at
				FROM flashes
				WHERE (ipfs_cid IS NULL OR ipfs_cid = '') AND flash_id > ?
				ORDER BY flash_id
				LIMIT ?
				""",
				(rs, row) -> new FlashReceived(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), rs.getLong(6), rs.getString(7), rs.getTimestamp(8).toInstant()),
				cursor, limit);
	}

	private long countMissing() {
		return this.jdbc.queryForObject("SELECT count(*) FROM flashes WHERE ipfs_cid IS NULL OR ipfs_cid = ''",
				Long.class);
	}

	private boolean running() {
		return this.worker != null;
	}

	private double currentRate() {
		Instant started = this.startedAt;
		if (started == null) {
			return 0;
		}
		Instant end = (this.finishedAt != null) ? this.finishedAt : this.clock.instant();
		double seconds = Math.max(0.001, Duration.between(started, end).toMillis() / 1000.0);
		return this.queued.get() / seconds;
	}

	private double etaSeconds() {
		long left = Math.max(0, this.total.get() - this.queued.get());
		double rate = currentRate();
		return (left == 0) ? 0 : (rate > 0 ? left / rate : -1);
	}

	@Override
	public void start() {
		// Resume a backfill that was running when the service stopped, once the database
		// answers: a database not up yet delays the resume, not the service's start.
		this.resumer = Thread.ofVirtual().name("backfill-resume").start(this::resumeWhenTheDatabaseAnswers);
	}

	private void resumeWhenTheDatabaseAnswers() {
		while (!Thread.currentThread().isInterrupted()) {
			try {
				Boolean wasRunning = this.jdbc.query("SELECT running FROM consumer_backfill WHERE id = 1",
						(rs) -> rs.next() && rs.getBoolean(1));
				if (Boolean.TRUE.equals(wasRunning)) {
					synchronized (this) {
						if (!running()) {
							launch();
						}
					}
				}
				return;
			}
			catch (DataAccessException ex) {
				logger.warn("Backfill: cannot read whether one was running ({}); asking again in {} s",
						ex.getMostSpecificCause().toString(), RESUME_RETRY.toSeconds());
				try {
					Thread.sleep(RESUME_RETRY);
				}
				catch (InterruptedException interrupted) {
					return;
				}
			}
		}
	}

	@Override
	public void stop() {
		Thread resuming = this.resumer;
		if (resuming != null) {
			resuming.interrupt();
		}
		Thread current = this.worker;
		if (current != null) {
			// Leave running = TRUE so the next start resumes.
			current.interrupt();
			this.worker = null;
		}
	}

	@Override
	public boolean isRunning() {
		Thread resuming = this.resumer;
		return this.worker != null || (resuming != null && resuming.isAlive());
	}

	/**
	 * Backfill progress.
	 *
	 * @param running whether it runs now
	 * @param total flashes missing a CID when it started
	 * @param queued flashes announced so far
	 * @param remaining flashes still missing a CID at the last count
	 * @param ratePerSecond announcements per second since it started
	 * @param etaSeconds estimated seconds left (-1 unknown)
	 * @param startedAt when it started
	 */
	public record Progress(boolean running, long total, long queued, long remaining, double ratePerSecond,
			double etaSeconds, Instant startedAt) {

		String describe() {
			return String.format(java.util.Locale.ROOT,
					"announced %d / %d, pinned %d, %d still missing a CID, rate %.1f/s, ETA %.0f s", this.queued,
					this.total, Math.max(0, this.total - this.remaining), this.remaining, this.ratePerSecond,
					this.etaSeconds);
		}

	}

}
