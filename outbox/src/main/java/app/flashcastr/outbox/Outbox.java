package app.flashcastr.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import app.flashcastr.contracts.messaging.Envelope;
import app.flashcastr.contracts.messaging.EnvelopeCodec;

/**
 * The outbox table. {@link #enqueue} joins the caller's transaction, so a message exists
 * exactly when the rows it announces were committed.
 */
public class Outbox {

	private final JdbcTemplate jdbc;

	private final EnvelopeCodec codec;

	private final TraceParents traceParents;

	Outbox(JdbcTemplate jdbc, EnvelopeCodec codec, TraceParents traceParents) {
		this.jdbc = jdbc;
		this.codec = codec;
		this.traceParents = traceParents;
	}

	/**
	 * Writes envelopes for publishing to {@code exchange} with their type as routing key,
	 * inside the caller's transaction, tagged with the current trace.
	 */
	public void enqueue(String exchange, List<? extends Envelope<?>> envelopes) {
		String traceParent = this.traceParents.current();
		enqueue(exchange, envelopes, java.util.Collections.nCopies(envelopes.size(), traceParent));
	}

	/**
	 * Writes envelopes like {@link #enqueue(String, List)}, each tagged with its own
	 * trace: for writers that batch work from several traces (each publish then continues
	 * the trace of the message that caused it).
	 * @param traceParents one W3C traceparent (or null) per envelope
	 */
	public void enqueue(String exchange, List<? extends Envelope<?>> envelopes, List<String> traceParents) {
		if (envelopes.isEmpty()) {
			return;
		}
		if (traceParents.size() != envelopes.size()) {
			throw new IllegalArgumentException("one trace parent per envelope");
		}
		int size = envelopes.size();
		UUID[] ids = new UUID[size];
		String[] types = new String[size];
		Integer[] versions = new Integer[size];
		byte[][] bodies = new byte[size][];
		for (int i = 0; i < size; i++) {
			Envelope<?> envelope = envelopes.get(i);
			ids[i] = envelope.id();
			types[i] = envelope.type();
			versions[i] = envelope.version();
			bodies[i] = this.codec.encode(envelope);
		}
		String[] parents = traceParents.toArray(String[]::new);
		this.jdbc.execute((Connection connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(
					"""
							INSERT INTO outbox (message_id, exchange, routing_key, message_type, message_version, body, trace_parent)
							SELECT m.id, ?, m.type, m.type, m.version, m.body, m.parent
							FROM UNNEST(?::uuid[], ?::text[], ?::int[], ?::bytea[], ?::text[])
							     AS m(id, type, version, body, parent)
							""")) {
				statement.setString(1, exchange);
				statement.setArray(2, connection.createArrayOf("uuid", ids));
				statement.setArray(3, connection.createArrayOf("text", types));
				statement.setArray(4, connection.createArrayOf("int4", versions));
				statement.setArray(5, connection.createArrayOf("bytea", bodies));
				statement.setArray(6, connection.createArrayOf("text", parents));
				return statement.executeUpdate();
			}
		});
	}

	/**
	 * The current trace as a W3C traceparent, or null outside a trace: to hand to
	 * {@link #enqueue(String, List, List)}.
	 */
	public String currentTraceParent() {
		return this.traceParents.current();
	}

	/**
	 * Locks up to {@code limit} due entries for this transaction; other replicas skip
	 * them.
	 */
	List<OutboxEntry> lockDue(int limit) {
		return this.jdbc.query("""
				SELECT id, message_id, exchange, routing_key, message_type, message_version, body, trace_parent,
				       created_at, attempts
				FROM outbox
				WHERE next_attempt_at <= clock_timestamp()
				ORDER BY id
				LIMIT ?
				FOR UPDATE SKIP LOCKED
				""",
				(rs, row) -> new OutboxEntry(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
						rs.getString(4), rs.getString(5), rs.getInt(6), rs.getBytes(7), rs.getString(8),
						rs.getTimestamp(9).toInstant(), rs.getInt(10)),
				limit);
	}

	/** Removes confirmed entries. */
	void delete(List<Long> ids) {
		if (!ids.isEmpty()) {
			this.jdbc.update("DELETE FROM outbox WHERE id = ANY(?)", (PreparedStatement ps) -> ps.setArray(1,
					ps.getConnection().createArrayOf("int8", ids.toArray(Long[]::new))));
		}
	}

	/**
	 * Schedules failed entries again with exponential backoff per entry, keeping the last
	 * error.
	 */
	void retryLater(List<Long> ids, String error, Duration baseDelay, Duration maxDelay) {
		if (ids.isEmpty()) {
			return;
		}
		this.jdbc.update("""
				UPDATE outbox
				SET attempts = attempts + 1,
				    last_error = ?,
				    next_attempt_at = clock_timestamp()
				        + make_interval(secs => LEAST(?, ? * power(2, LEAST(attempts, 20))))
				WHERE id = ANY(?)
				""", (PreparedStatement ps) -> {
			ps.setString(1, truncate(error));
			ps.setDouble(2, maxDelay.toMillis() / 1000.0);
			ps.setDouble(3, baseDelay.toMillis() / 1000.0);
			ps.setArray(4, ps.getConnection().createArrayOf("int8", ids.toArray(Long[]::new)));
		});
	}

	/** Depth and oldest entry, for the gauges. */
	OutboxStats stats() {
		return this.jdbc.queryForObject("SELECT count(*), min(created_at) FROM outbox", (rs, row) -> {
			Timestamp oldest = rs.getTimestamp(2);
			return new OutboxStats(rs.getLong(1), (oldest != null) ? oldest.toInstant() : null);
		});
	}

	private static String truncate(String error) {
		return (error != null && error.length() > 500) ? error.substring(0, 500) : error;
	}

	/**
	 * Outbox size.
	 *
	 * @param depth entries not yet confirmed
	 * @param oldest creation time of the oldest entry, or null when empty
	 */
	record OutboxStats(long depth, Instant oldest) {
	}

}
