package app.flashcastr.bench.scenario;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import app.flashcastr.bench.report.Figure;
import app.flashcastr.bench.stack.BenchDatabase;
import app.flashcastr.bench.stack.BenchVhost;
import app.flashcastr.bench.stack.Broker;
import app.flashcastr.bench.stack.CpuMeter;
import app.flashcastr.bench.stack.ServiceJvm;
import app.flashcastr.contracts.messaging.Envelope;
import app.flashcastr.contracts.messaging.EnvelopeCodec;
import app.flashcastr.contracts.messaging.FlashReceived;
import app.flashcastr.contracts.messaging.FlashTopology;
import app.flashcastr.contracts.messaging.MessageType;

/**
 * The outbox relay: 20,000 {@code flash.received} entries (about 400 bytes each) waiting
 * in the outbox, then the producer started with its schedule off; time until the outbox
 * is empty, i.e. every entry published, confirmed and deleted.
 */
public final class Relay implements Benchmark {

	private static final String NAME = "relay";

	private static final int ENTRIES = 20_000;

	private static final int BODY_BYTES = 400;

	private static final Duration RUN_LIMIT = Duration.ofMinutes(3);

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Duration timeLimit(BenchContext context) {
		return RUN_LIMIT.multipliedBy(context.runsOr(3)).plusMinutes(1);
	}

	@Override
	public List<Figure> run(BenchContext context) throws Exception {
		byte[] body = envelopeOfSize(BODY_BYTES);
		List<Double> samples = new ArrayList<>();
		List<Double> rss = new ArrayList<>();
		List<Figure> scrape = new ArrayList<>();
		int runs = context.runsOr(3);
		for (int run = 1; run <= runs; run++) {
			try (BenchDatabase database = BenchDatabase.create(); BenchVhost vhost = BenchVhost.create()) {
				try (Connection connection = database
					.connect(); PreparedStatement insert = connection.prepareStatement("""
							INSERT INTO outbox (message_id, exchange, routing_key, message_type, message_version, body)
							SELECT gen_random_uuid(), ?, ?, ?, 1, ? FROM generate_series(1, ?)
							""")) {
					insert.setString(1, FlashTopology.EVENTS_EXCHANGE);
					insert.setString(2, MessageType.FLASH_RECEIVED.name());
					insert.setString(3, MessageType.FLASH_RECEIVED.name());
					insert.setBytes(4, body);
					insert.setInt(5, ENTRIES);
					insert.executeUpdate();
					FlashRows.analyze(connection, "outbox");
				}
				try (Broker broker = Broker.connect(vhost)) {
					broker.declareTopology();
				}
				Map<String, String> environment = Map.of("DATABASE_URL", database.serviceUrl(), "RABBITMQ_URL",
						vhost.amqpUrl(), "SYNC_ENABLED", "false", "FEED_API_URL", "http://127.0.0.1:9");
				String label = "relay-run" + run;
				try (ServiceJvm producer = context.startService("producer", label,
						context.jvmOptions(label, context.serviceHeap()), environment);
						Connection connection = database.connect()) {
					CpuMeter cpu = CpuMeter.forStack("producer", producer.pid());
					Drain drain = Drain.await(producer, connection, "SELECT count(*) FROM outbox", ENTRIES,
							RUN_LIMIT.minusSeconds(30), cpu, () -> "log: " + producer.log());
					if (run == 1) {
						context.note(NAME + " run 1, CPU seconds during the drain of "
								+ "%.1f s: ".formatted(drain.seconds()) + CpuShares.describe(cpu.secondsSinceStart()));
					}
					System.out.printf("[bench] %s run %d: %,d entries in %.2f s = %,.0f msg/s%n", NAME, run, ENTRIES,
							drain.seconds(), ENTRIES / drain.seconds());
					if (drain.startedBeforeReady()) {
						context.note(NAME + " run " + run
								+ ": publishing began before readiness; timed from the first delete");
					}
					samples.add(ENTRIES / drain.seconds());
					if (run == 1) {
						ScrapeFigures.add(scrape, NAME, "producer", "after relaying " + ENTRIES + " messages",
								producer.port());
					}
					rss.add(producer.rssBytes() / 1048576.0);
					try (Broker broker = Broker.connect(vhost)) {
						long queued = broker.ready(FlashTopology.CONSUMER_QUEUE);
						if (queued != ENTRIES) {
							context.note(NAME + " run " + run + ": " + queued + " messages in the queue, expected "
									+ ENTRIES);
						}
					}
				}
			}
		}
		List<Figure> figures = new ArrayList<>(List.of(
				new Figure(NAME, "outbox → RabbitMQ (confirmed, deleted), %,d × %d B".formatted(ENTRIES, BODY_BYTES),
						"msg/s", samples, "≥ 15,000"),
				new Figure(NAME, "producer RSS after the drain", "MiB", rss, "")));
		figures.addAll(scrape);
		return figures;
	}

	/** A real {@code flash.received} envelope whose text is padded to reach the size. */
	static byte[] envelopeOfSize(int bytes) {
		EnvelopeCodec codec = new EnvelopeCodec();
		Instant now = Instant.now();
		String text = "";
		while (true) {
			Envelope<FlashReceived> envelope = Envelope.of(MessageType.FLASH_RECEIVED, now, "invaders-bot",
					Envelope.correlationIdOf(77_123_456L),
					new FlashReceived(77_123_456L, "/media/queries/2026/11/22/img_xQTRlhi.jpg", "Tokyo", text,
							"PLAYER_42", now.getEpochSecond(), "123", now));
			byte[] encoded = codec.encode(envelope);
			if (encoded.length >= bytes) {
				return encoded;
			}
			text = "x".repeat(text.length() + (bytes - encoded.length));
		}
	}

}
