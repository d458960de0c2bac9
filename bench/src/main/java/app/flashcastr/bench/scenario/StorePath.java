package app.flashcastr.bench.scenario;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import app.flashcastr.bench.report.Figure;
import app.flashcastr.bench.stack.BenchDatabase;
import app.flashcastr.contracts.messaging.Envelope;
import app.flashcastr.contracts.messaging.EnvelopeCodec;
import app.flashcastr.contracts.messaging.FlashPinned;
import app.flashcastr.contracts.messaging.FlashTopology;
import app.flashcastr.contracts.messaging.MessageType;

/**
 * The consumer's CID store path alone, from a JDBC harness: per batch of 200, one
 * transaction with the consumer's conditional {@code UPDATE … FROM UNNEST … RETURNING}
 * and the outbox {@code INSERT} of one {@code flash.pinned} envelope per updated row;
 * 100,000 rows with 1, 2 and 4 writer threads (the consumer runs one).
 */
public final class StorePath implements Benchmark {

	private static final String NAME = "store-path";

	private static final int ROWS = 100_000;

	private static final int BATCH = 200;

	private static final int[] WRITERS = { 1, 2, 4 };

	/**
	 * Copied from
	 * consumer/src/main/java/app/flashcastr/consumer/store/CidWriter.java#writeBatch:
	 * keep in step with it.
	 */
	private static final String UPDATE_SQL = """
			UPDATE flashes f SET ipfs_cid = d.cid
			FROM UNNEST(?::bigint[], ?::text[]) AS d(id, cid)
			WHERE f.flash_id = d.id AND (f.ipfs_cid IS NULL OR f.ipfs_cid = '')
			RETURNING f.flash_id, f.first_seen_at, f.player, f.city, f.ipfs_cid
			""";

	/**
	 * Copied from outbox/src/main/java/app/flashcastr/outbox/Outbox.java#enqueue: keep in
	 * step with it.
	 */
	private static final String OUTBOX_SQL = """
			INSERT INTO outbox (message_id, exchange, routing_key, message_type, message_version, body, trace_parent)
			SELECT m.id, ?, m.type, m.type, m.version, m.body, ?
			FROM UNNEST(?::uuid[], ?::text[], ?::int[], ?::bytea[]) AS m(id, type, version, body)
			""";

	private final EnvelopeCodec codec = new EnvelopeCodec();

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Duration timeLimit(BenchContext context) {
		return Duration.ofMinutes(2).multipliedBy((long) WRITERS.length * context.runsOr(3)).plusMinutes(1);
	}

	@Override
	public List<Figure> run(BenchContext context) throws Exception {
		List<Figure> figures = new ArrayList<>();
		int[] writers = context.quick() ? new int[] { 1 } : WRITERS;
		for (int threads : writers) {
			List<Double> samples = new ArrayList<>();
			for (int run = 1; run <= context.runsOr(3); run++) {
				double seconds = runOnce(threads);
				System.out.printf("[bench] %s %d writer(s) run %d: %,d rows in %.2f s = %,.0f rows/s%n", NAME, threads,
						run, ROWS, seconds, ROWS / seconds);
				samples.add(ROWS / seconds);
			}
			figures.add(new Figure(NAME, "CID update + outbox insert, batches of %d, %d writer%s, %,d rows"
				.formatted(BATCH, threads, (threads == 1) ? "" : "s", ROWS), "rows/s", samples, "≥ 40,000"));
		}
		return figures;
	}

	private double runOnce(int threads) throws Exception {
		try (BenchDatabase database = BenchDatabase.create()) {
			try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
				// Realistic rows: columns sized like the feed's, every index of the
				// schema in place.
				statement.execute(
						"""
								INSERT INTO flashes (flash_id, city, player, img, text, timestamp, flash_count)
								SELECT 77000000 + i, (ARRAY['Paris','Tokyo','London','Rome','Lyon'])[1 + i %% 5], 'PLAYER_' || (i %% 5000),
								       '/media/queries/2026/11/22/img_' || lpad(i::text, 7, '0') || '.jpg', repeat('x', 120),
								       now() - make_interval(secs => i), (i %% 900)::text
								FROM generate_series(1, %d) AS i
								"""
							.formatted(ROWS));
				statement.execute("ANALYZE flashes");
			}
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			try {
				int slice = ROWS / threads;
				long started = System.nanoTime();
				List<Future<Integer>> writers = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					long from = 77_000_001L + (long) t * slice;
					int count = (t == threads - 1) ? ROWS - t * slice : slice;
					writers.add(pool.submit(() -> write(database, from, count)));
				}
				int updated = 0;
				for (Future<Integer> writer : writers) {
					updated += writer.get();
				}
				double seconds = (System.nanoTime() - started) / 1e9;
				if (updated != ROWS) {
					throw new IllegalStateException("updated " + updated + " rows of " + ROWS);
				}
				return seconds;
			}
			finally {
				pool.shutdownNow();
			}
		}
	}

	/** One writer: its slice of ids, batch by batch, one transaction each. */
	private int write(BenchDatabase database, long firstId, int count) throws Exception {
		int updated = 0;
		try (Connection connection = database.connect()) {
			connection.setAutoCommit(false);
			try (PreparedStatement update = connection.prepareStatement(UPDATE_SQL);
					PreparedStatement outbox = connection.prepareStatement(OUTBOX_SQL)) {
				for (int offset = 0; offset < count; offset += BATCH) {
					int size = Math.min(BATCH, count - offset);
					Long[] ids = new Long[size];
					String[] cids = new String[size];
					for (int i = 0; i < size; i++) {
						ids[i] = firstId + offset + i;
						cids[i] = cidOf(ids[i]);
					}
					update.setArray(1, connection.createArrayOf("int8", ids));
					update.setArray(2, connection.createArrayOf("text", cids));
					Instant now = Instant.now();
					List<Envelope<FlashPinned>> announcements = new ArrayList<>(size);
					try (ResultSet rs = update.executeQuery()) {
						while (rs.next()) {
							long flashId = rs.getLong(1);
							announcements.add(Envelope.of(MessageType.FLASH_PINNED, now, "bench",
									Envelope.correlationIdOf(flashId), new FlashPinned(flashId, rs.getString(3),
											rs.getString(4), rs.getString(5), rs.getTimestamp(2).toInstant(), now)));
						}
					}
					enqueue(connection, outbox, announcements);
					connection.commit();
					updated += announcements.size();
				}
			}
		}
		return updated;
	}

	/**
	 * The outbox insert as {@code Outbox.enqueue} binds it (no trace: tracing is off
	 * here).
	 */
	private void enqueue(Connection connection, PreparedStatement outbox, List<Envelope<FlashPinned>> envelopes)
			throws Exception {
		int size = envelopes.size();
		UUID[] ids = new UUID[size];
		String[] types = new String[size];
		Integer[] versions = new Integer[size];
		byte[][] bodies = new byte[size][];
		for (int i = 0; i < size; i++) {
			Envelope<FlashPinned> envelope = envelopes.get(i);
			ids[i] = envelope.id();
			types[i] = envelope.type();
			versions[i] = envelope.version();
			bodies[i] = this.codec.encode(envelope);
		}
		outbox.setString(1, FlashTopology.EVENTS_EXCHANGE);
		outbox.setString(2, null);
		outbox.setArray(3, connection.createArrayOf("uuid", ids));
		outbox.setArray(4, connection.createArrayOf("text", types));
		outbox.setArray(5, connection.createArrayOf("int4", versions));
		outbox.setArray(6, connection.createArrayOf("bytea", bodies));
		outbox.executeUpdate();
	}

	/** A CIDv0-shaped string ("Qm" + 44 characters) unique to the flash. */
	private static String cidOf(long flashId) throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256")
			.digest(Long.toString(flashId).getBytes(StandardCharsets.US_ASCII));
		return "Qm" + HexFormat.of().formatHex(digest).substring(0, 44);
	}

}
