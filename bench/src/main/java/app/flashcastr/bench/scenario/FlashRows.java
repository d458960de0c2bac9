package app.flashcastr.bench.scenario;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import app.flashcastr.contracts.messaging.Envelope;
import app.flashcastr.contracts.messaging.FlashReceived;
import app.flashcastr.contracts.messaging.MessageType;
import app.flashcastr.simulators.feed.SimulatedFlash;

/**
 * Flashes as the producer would have stored and announced them: rows in {@code flashes}
 * without a CID, and their {@code flash.received} envelopes.
 */
final class FlashRows {

	private static final int ROWS_PER_STATEMENT = 5000;

	private FlashRows() {
	}

	/** Inserts the flashes without CID, 5,000 rows per UNNEST statement, then ANALYZE. */
	static void insert(Connection connection, List<SimulatedFlash> flashes) throws SQLException {
		String sql = """
				INSERT INTO flashes (flash_id, city, player, img, text, timestamp, flash_count)
				SELECT id, city, player, img, text, to_timestamp(ts) AT TIME ZONE 'UTC', flash_count
				FROM UNNEST(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[])
				  AS f(id, city, player, img, text, ts, flash_count)
				""";
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int from = 0; from < flashes.size(); from += ROWS_PER_STATEMENT) {
				List<SimulatedFlash> chunk = flashes.subList(from, Math.min(flashes.size(), from + ROWS_PER_STATEMENT));
				statement.setArray(1,
						connection.createArrayOf("int8", chunk.stream().map(SimulatedFlash::flashId).toArray()));
				statement.setArray(2,
						connection.createArrayOf("text", chunk.stream().map(SimulatedFlash::city).toArray()));
				statement.setArray(3,
						connection.createArrayOf("text", chunk.stream().map(SimulatedFlash::player).toArray()));
				statement.setArray(4,
						connection.createArrayOf("text", chunk.stream().map(SimulatedFlash::img).toArray()));
				statement.setArray(5,
						connection.createArrayOf("text", chunk.stream().map(SimulatedFlash::text).toArray()));
				statement.setArray(6,
						connection.createArrayOf("int8", chunk.stream().map(SimulatedFlash::timestamp).toArray()));
				statement.setArray(7,
						connection.createArrayOf("text", chunk.stream().map(SimulatedFlash::flashCount).toArray()));
				statement.executeUpdate();
			}
		}
		analyze(connection, "flashes");
	}

	/**
	 * VACUUM and ANALYZE, as autovacuum leaves a table that has settled in production:
	 * with its visibility map set, an index-only scan (a deep page's ids) skips the heap.
	 */
	static void vacuum(Connection connection, String table) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("VACUUM (ANALYZE) " + table);
		}
	}

	static void analyze(Connection connection, String table) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("ANALYZE " + table);
		}
	}

	/** The producer's announcement of each flash. */
	static List<Envelope<FlashReceived>> announcements(List<SimulatedFlash> flashes, Instant firstSeenAt) {
		return flashes.stream()
			.map((flash) -> Envelope.of(MessageType.FLASH_RECEIVED, firstSeenAt, "bench",
					Envelope.correlationIdOf(flash.flashId()),
					new FlashReceived(flash.flashId(), flash.img(), flash.city(), flash.text(), flash.player(),
							flash.timestamp(), flash.flashCount(), firstSeenAt)))
			.toList();
	}

}
