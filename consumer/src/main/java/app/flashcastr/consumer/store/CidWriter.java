package app.flashcastr.consumer.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import app.flashcastr.contracts.messaging.Envelope;
import app.flashcastr.contracts.messaging.FlashPinned;
import app.flashcastr.contracts.messaging.FlashTopology;
import app.flashcastr.contracts.messaging.MessageType;
import app.flashcastr.outbox.Outbox;
import app.flashcastr.outbox.OutboxRelay;

/**
 * Writes CIDs in batches: callers submit and wait; one writer thread collects up to
 * {@code batchSize} rows (or what arrived within {@code maxWait}), and in one transaction
 * sets each CID only if still empty (first write wins) and queues a {@code flash.pinned}
 * announcement for each row it set. A caller's future completes only after the commit, so
 * its message is acked only once its row is safe.
 */
@Component
public class CidWriter implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(CidWriter.class);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Outbox outbox;

	private final OutboxRelay relay;

	private final Clock clock;

	private final StoreProperties settings;

	private final String source;

	private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

	private volatile Thread writer;

	CidWriter(JdbcTemplate jdbc, TransactionTemplate transactions, Outbox outbox, OutboxRelay relay, Clock clock,
			StoreProperties settings, @Value("${spring.application.name}") String source) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.outbox = outbox;
		this.relay = relay;
		this.clock = clock;
		this.settings = settings;
		this.source = source;
	}

	/**
	 * Queues a CID for writing.
	 * @return completes after the commit: whether this write set the CID, and when; fails
	 * with the database's error
	 */
	public CompletableFuture<Written> submit(long flashId, String cid) {
		// The caller's trace (the message's), so the flash.pinned publish continues it.
		Pending pending = new Pending(flashId, cid, this.outbox.currentTraceParent(), new CompletableFuture<>());
		this.queue.add(pending);
		return pending.result();
	}

	private void run() {
		List<Pending> batch = new ArrayList<>(this.settings.batchSize());
		while (!Thread.currentThread().isInterrupted()) {
			try {
				Pending first = this.queue.poll(1, TimeUnit.SECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				// Group commit: take what is queued now and write it; the next batch
				// gathers while this one commits,
				// so batches grow with load and a lone write never waits. maxWait > 0
				// lingers for more.
				this.queue.drainTo(batch, this.settings.batchSize() - 1);
				long deadline = System.nanoTime() + this.settings.maxWait().toNanos();
				while (batch.size() < this.settings.batchSize() && System.nanoTime() < deadline) {
					Pending next = this.queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
					if (next == null) {
						break;
					}
					batch.add(next);
				}
				write(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				batch.clear();
			}
		}
	}

	private void write(List<Pending> batch) {
		try {
			Map<Long, Row> set = this.transactions.execute((status) -> writeBatch(batch));
			this.relay.drainSoon();
			for (Pending pending : batch) {
				Row row = set.get(pending.flashId());
				pending.result().complete(new Written(row != null, (row != null) ? row.firstSeenAt() : null));
			}
		}
		catch (RuntimeException ex) {
			// Callers hold their messages and retry once the database answers again.
			batch.forEach((pending) -> pending.result().completeExceptionally(ex));
		}
	}

	private Map<Long, Row> writeBatch(List<Pending> batch) {
		Long[] ids = batch.stream().map(Pending::flashId).toArray(Long[]::new);
		String[] cids = batch.stream().map(Pending::cid).toArray(String[]::new);
		Map<Long, Row> set = this.jdbc.execute((Connection connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("""
					UPDATE flashes f SET ipfs_cid = d.cid
					FROM UNNEST(?::bigint[], ?::text[]) AS d(id, cid)
					WHERE f.flash_id = d.id AND (f.ipfs_cid IS NULL OR f.ipfs_cid = '')
					RETURNING f.flash_id, f.first_seen_at, f.player, f.city, f.ipfs_cid
					""")) {
				statement.setArray(1, connection.createArrayOf("int8", ids));
				statement.setArray(2, connection.createArrayOf("text", cids));
				Map<Long, Row> rows = new HashMap<>();
				try (ResultSet rs = statement.executeQuery()) {
					while (rs.next()) {
						rows.put(rs.getLong(1), new Row(rs.getTimestamp(2).toInstant(), rs.getString(3),
								rs.getString(4), rs.getString(5)));
					}
				}
				return rows;
			}
		});
		Instant now = this.clock.instant();
		List<Envelope<FlashPinned>> announcements = new ArrayList<>(set.size());
		List<String> traceParents = new ArrayList<>(set.size());
		for (Pending pending : batch) {
			Row row = set.get(pending.flashId());
			if (row != null) {
				announcements.add(Envelope.of(MessageType.FLASH_PINNED, now, this.source,
						Envelope.correlationIdOf(pending.flashId()), new FlashPinned(pending.flashId(), row.player(),
								row.city(), row.cid(), row.firstSeenAt(), now)));
				traceParents.add(pending.traceParent());
			}
		}
		this.outbox.enqueue(FlashTopology.EVENTS_EXCHANGE, announcements, traceParents);
		return set;
	}

	@Override
	public synchronized void start() {
		this.writer = Thread.ofPlatform().name("cid-writer").daemon().start(this::run);
	}

	@Override
	public synchronized void stop() {
		Thread current = this.writer;
		if (current != null) {
			current.interrupt();
			try {
				current.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.writer = null;
		}
		List<Pending> left = new ArrayList<>();
		this.queue.drainTo(left);
		if (!left.isEmpty()) {
			logger.info("{} CID writes not committed at shutdown; their messages return to the queue", left.size());
			left.forEach(
					(pending) -> pending.result().completeExceptionally(new IllegalStateException("shutting down")));
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.writer != null;
	}

	@Override
	public int getPhase() {
		// Stop after the listener container (which stops first, at the highest phase), so
		// in-flight messages can
		// still commit while the container waits for them.
		return SmartLifecycle.DEFAULT_PHASE - 1000;
	}

	/**
	 * The result of one write.
	 *
	 * @param updated whether this write set the CID (false: another write was first)
	 * @param firstSeenAt when the producer first stored the flash (set when updated)
	 */
	public record Written(boolean updated, Instant firstSeenAt) {
	}

	private record Pending(long flashId, String cid, String traceParent, CompletableFuture<Written> result) {
	}

	private record Row(Instant firstSeenAt, String player, String city, String cid) {
	}

}
