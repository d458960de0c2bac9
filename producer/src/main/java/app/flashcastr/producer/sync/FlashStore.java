package app.flashcastr.producer.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import app.flashcastr.contracts.messaging.Envelope;
import app.flashcastr.contracts.messaging.FlashReceived;
import app.flashcastr.contracts.messaging.FlashTopology;
import app.flashcastr.contracts.messaging.MessageType;
import app.flashcastr.outbox.Outbox;

/**
 * Stores validated flashes and, in the same transaction, queues a {@code flash.received}
 * announcement for each new one and for known ones still missing a CID (at most once per
 * re-announce interval). If the batch insert fails on a row, rows are stored one by one
 * so a single bad row never costs the others (upstream's 21 Sep 2025 loss).
 */
@Component
class FlashStore {

	private static final Logger logger = LoggerFactory.getLogger(FlashStore.class);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Outbox outbox;

	private final String source;

	FlashStore(JdbcTemplate jdbc, TransactionTemplate transactions, Outbox outbox,
			@Value("${spring.application.name}") String source) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.outbox = outbox;
		this.source = source;
	}

	/**
	 * Stores the flashes and queues their announcements.
	 * @param flashes validated flashes, without duplicate ids
	 * @param reannounceInterval minimum time between two announcements of a flash still
	 * missing a CID
	 * @return what was stored and announced
	 */
	StoreResult store(List<FeedFlash> flashes, Duration reannounceInterval) {
		if (flashes.isEmpty()) {
			return new StoreResult(0, 0, 0);
		}
		try {
			return this.transactions.execute((status) -> storeBatch(flashes, reannounceInterval));
		}
		catch (DataIntegrityViolationException ex) {
			logger.warn("Batch insert of {} flashes refused ({}); storing them one by one", flashes.size(),
					ex.getMostSpecificCause().getClass().getSimpleName());
			return storeOneByOne(flashes, reannounceInterval);
		}
	}

	private StoreResult storeOneByOne(List<FeedFlash> flashes, Duration reannounceInterval) {
		int inserted = 0;
		int reannounced = 0;
		int rejected = 0;
		for (FeedFlash flash : flashes) {
			try {
				StoreResult one = this.transactions.execute((status) -> storeBatch(List.of(flash), reannounceInterval));
				inserted += one.inserted();
				reannounced += one.reannounced();
			}
			catch (DataIntegrityViolationException ex) {
				rejected++;
				logger.warn("Flash {} refused by the database: {}", flash.flashId(),
						ex.getMostSpecificCause().getClass().getSimpleName());
			}
		}
		return new StoreResult(inserted, reannounced, rejected);
	}

	private StoreResult storeBatch(List<FeedFlash> flashes, Duration reannounceInterval) {
		Map<Long, Instant> inserted = insert(flashes);
		Map<Long, Instant> reannounced = markForReannouncement(flashes, reannounceInterval);
		List<Envelope<FlashReceived>> envelopes = new ArrayList<>(inserted.size() + reannounced.size());
		for (FeedFlash flash : flashes) {
			Instant firstSeen = inserted.getOrDefault(flash.flashId(), reannounced.get(flash.flashId()));
			if (firstSeen != null) {
				envelopes.add(envelope(flash, firstSeen));
			}
		}
		this.outbox.enqueue(FlashTopology.EVENTS_EXCHANGE, envelopes);
		return new StoreResult(inserted.size(), reannounced.size(), 0);
	}

	private Envelope<FlashReceived> envelope(FeedFlash flash, Instant firstSeen) {
		FlashReceived payload = new FlashReceived(flash.flashId(), flash.img(), flash.city(), flash.text(),
				flash.player(), flash.takenAt().getEpochSecond(), flash.flashCount(), firstSeen);
		return Envelope.of(MessageType.FLASH_RECEIVED, firstSeen, this.source,
				Envelope.correlationIdOf(flash.flashId()), payload);
	}

	/** Inserts what is new; returns new flash ids with their first-seen time. */
	private Map<Long, Instant> insert(List<FeedFlash> flashes) {
		int size = flashes.size();
		Long[] ids = new Long[size];
		String[] cities = new String[size];
		String[] players = new String[size];
		String[] imgs = new String[size];
		String[] texts = new String[size];
		Long[] epochSeconds = new Long[size];
		String[] counts = new String[size];
		for (int i = 0; i < size; i++) {
			FeedFlash flash = flashes.get(i);
			ids[i] = flash.flashId();
			cities[i] = flash.city();
			players[i] = flash.player();
			imgs[i] = flash.img();
			texts[i] = flash.text();
			epochSeconds[i] = flash.takenAt().getEpochSecond();
			counts[i] = flash.flashCount();
		}
		return this.jdbc.execute((Connection connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("""
					INSERT INTO flashes (flash_id, city, player, img, text, timestamp, flash_count, first_seen_at,
					                     last_announced_at)
					SELECT f.id, f.city, f.player, f.img, f.text, to_timestamp(f.ts) AT TIME ZONE 'UTC', f.count,
					       now(), now()
					FROM UNNEST(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[])
					     AS f(id, city, player, img, text, ts, count)
					ON CONFLICT (flash_id) DO NOTHING
					RETURNING flash_id, first_seen_at
					""")) {
				statement.setArray(1, connection.createArrayOf("int8", ids));
				statement.setArray(2, connection.createArrayOf("text", cities));
				statement.setArray(3, connection.createArrayOf("text", players));
				statement.setArray(4, connection.createArrayOf("text", imgs));
				statement.setArray(5, connection.createArrayOf("text", texts));
				statement.setArray(6, connection.createArrayOf("int8", epochSeconds));
				statement.setArray(7, connection.createArrayOf("text", counts));
				return idsWithTime(statement);
			}
		});
	}

	/**
	 * Known flashes of this feed still missing a CID and not announced within the
	 * interval.
	 */
	private Map<Long, Instant> markForReannouncement(List<FeedFlash> flashes, Duration interval) {
		Long[] ids = flashes.stream().map(FeedFlash::flashId).toArray(Long[]::new);
		return this.jdbc.execute((Connection connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("""
					UPDATE flashes SET last_announced_at = now()
					WHERE flash_id = ANY(?)
					  AND (ipfs_cid IS NULL OR ipfs_cid = '')
					  AND (last_announced_at IS NULL OR last_announced_at < now() - make_interval(secs => ?))
					RETURNING flash_id, first_seen_at
					""")) {
				statement.setArray(1, connection.createArrayOf("int8", ids));
				statement.setDouble(2, interval.toMillis() / 1000.0);
				return idsWithTime(statement);
			}
		});
	}

	private static Map<Long, Instant> idsWithTime(PreparedStatement statement) throws java.sql.SQLException {
		Map<Long, Instant> result = new HashMap<>();
		try (ResultSet rs = statement.executeQuery()) {
			while (rs.next()) {
				result.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
			}
		}
		return result;
	}

	/**
	 * What one store did.
	 *
	 * @param inserted new flashes
	 * @param reannounced known flashes announced again because they still lack a CID
	 * @param rejected rows the database refused on their own
	 */
	record StoreResult(int inserted, int reannounced, int rejected) {
	}

}
