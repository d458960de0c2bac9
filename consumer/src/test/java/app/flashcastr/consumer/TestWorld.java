package app.flashcastr.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageBuilderSupport;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import app.flashcastr.contracts.messaging.Envelope;
import app.flashcastr.contracts.messaging.EnvelopeCodec;
import app.flashcastr.contracts.messaging.FlashReceived;
import app.flashcastr.contracts.messaging.FlashTopology;
import app.flashcastr.contracts.messaging.MessageType;
import app.flashcastr.simulators.feed.FeedSimulator;
import app.flashcastr.simulators.feed.FeedSimulatorSettings;
import app.flashcastr.simulators.feed.SimulatedFlash;
import app.flashcastr.simulators.ipfs.IpfsSimulator;
import app.flashcastr.simulators.ipfs.IpfsSimulatorSettings;
import app.flashcastr.testinfra.IsolatedVhost;

/**
 * The outside world of the consumer's tests (one feed and one IPFS simulator per JVM),
 * and the producer's side: storing a flash and announcing it the way invaders.bot does.
 */
public final class TestWorld {

	private static final EnvelopeCodec codec = new EnvelopeCodec();

	private static FeedSimulator feed;

	private static IpfsSimulator ipfs;

	private TestWorld() {
	}

	public static synchronized FeedSimulator feed() {
		if (feed == null) {
			feed = FeedSimulator.start(FeedSimulatorSettings.defaults().withSeed(11));
			Runtime.getRuntime().addShutdownHook(new Thread(feed::close));
		}
		return feed;
	}

	public static synchronized IpfsSimulator ipfs() {
		if (ipfs == null) {
			ipfs = IpfsSimulator.start(IpfsSimulatorSettings.defaults());
			Runtime.getRuntime().addShutdownHook(new Thread(ipfs::close));
		}
		return ipfs;
	}

	/** A connection to the test's vhost, as the producer's side of the broker. */
	public static CachingConnectionFactory broker(IsolatedVhost vhost) {
		CachingConnectionFactory broker = new CachingConnectionFactory(vhost.host(), vhost.port());
		broker.setUsername(vhost.username());
		broker.setPassword(vhost.password());
		broker.setVirtualHost(vhost.name());
		return broker;
	}

	/**
	 * New flashes in the feed, stored in {@code flashes} without a CID, as the producer
	 * leaves them.
	 */
	public static List<FlashReceived> storeNewFlashes(JdbcTemplate jdbc, int count) {
		List<SimulatedFlash> emitted = feed().emitFlashes(count);
		List<FlashReceived> flashes = emitted.stream().map(TestWorld::received).toList();
		jdbc.batchUpdate("""
				INSERT INTO flashes (flash_id, city, player, img, text, timestamp, flash_count)
				VALUES (?, ?, ?, ?, ?, to_timestamp(?) AT TIME ZONE 'UTC', ?)
				""", flashes, 500, (ps, flash) -> {
			ps.setLong(1, flash.flashId());
			ps.setString(2, flash.city());
			ps.setString(3, flash.player());
			ps.setString(4, flash.img());
			ps.setString(5, flash.text());
			ps.setLong(6, flash.timestamp());
			ps.setString(7, flash.flashCount());
		});
		return flashes;
	}

	/** Publishes a {@code flash.received} message as the producer's relay does. */
	public static void announce(RabbitTemplate rabbit, FlashReceived flash) {
		announce(rabbit, flash, null);
	}

	/**
	 * Publishes a {@code flash.received} message carrying the given W3C traceparent (or
	 * none).
	 */
	public static void announce(RabbitTemplate rabbit, FlashReceived flash, String traceParent) {
		Envelope<FlashReceived> envelope = Envelope.of(MessageType.FLASH_RECEIVED, Instant.now(), "invaders-bot",
				Envelope.correlationIdOf(flash.flashId()), flash);
		MessageBuilderSupport<Message> message = MessageBuilder.withBody(codec.encode(envelope))
			.setMessageId(envelope.id().toString())
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.setTimestamp(new java.util.Date());
		rabbit.send(FlashTopology.EVENTS_EXCHANGE, MessageType.FLASH_RECEIVED.name(), message.build());
	}

	/**
	 * Publishes raw bytes as if they were a flash announcement (poison-message tests).
	 */
	public static void announceRaw(RabbitTemplate rabbit, String body) {
		rabbit.send(FlashTopology.EVENTS_EXCHANGE, MessageType.FLASH_RECEIVED.name(),
				MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
					.setContentType(MessageProperties.CONTENT_TYPE_JSON)
					.build());
	}

	public static String cidOf(JdbcTemplate jdbc, long flashId) {
		return jdbc.query("SELECT ipfs_cid FROM flashes WHERE flash_id = ?", (rs) -> rs.next() ? rs.getString(1) : null,
				flashId);
	}

	public static long missingCids(JdbcTemplate jdbc, List<FlashReceived> flashes) {
		Long[] ids = flashes.stream().map(FlashReceived::flashId).toArray(Long[]::new);
		return jdbc.query(
				"SELECT count(*) FROM flashes WHERE flash_id = ANY(?) AND (ipfs_cid IS NULL OR ipfs_cid = '')",
				(java.sql.PreparedStatement ps) -> ps.setArray(1, ps.getConnection().createArrayOf("int8", ids)),
				(rs) -> {
					rs.next();
					return rs.getLong(1);
				});
	}

	private static FlashReceived received(SimulatedFlash flash) {
		return new FlashReceived(flash.flashId(), flash.img(), flash.city(), flash.text(), flash.player(),
				flash.timestamp(), flash.flashCount(), Instant.now());
	}

}
