package app.flashcastr.producer.cast;

import java.io.IOException;
import java.time.Duration;

import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import app.flashcastr.contracts.messaging.DeadLetters;
import app.flashcastr.contracts.messaging.Envelope;
import app.flashcastr.contracts.messaging.EnvelopeCodec;
import app.flashcastr.contracts.messaging.FlashPinned;
import app.flashcastr.contracts.messaging.FlashTopology;
import app.flashcastr.contracts.messaging.MalformedMessageException;
import app.flashcastr.contracts.messaging.MessageType;
import app.flashcastr.contracts.messaging.OutageHold;

/**
 * Takes each flash-pinned event: links the flash to its registered player and, when the
 * player casts automatically, casts it right away (no fixed sleep). The message is acked
 * only once the link is committed, so a crash redelivers it; the link row, not the
 * message, carries the cast from then on (the retry worker finishes what fails here).
 */
@Component
class PinnedFlashListener {

	private static final Logger logger = LoggerFactory.getLogger(PinnedFlashListener.class);

	// Held through a database outage as the consumer holds its flashes: doubling,
	// jittered, one probe at a time across the listener's threads.
	private static final OutageHold.Delays DATABASE_HOLD = new OutageHold.Delays(Duration.ofMillis(100),
			Duration.ofSeconds(10), Duration.ofSeconds(10));

	private final EnvelopeCodec codec;

	private final CastLinks links;

	private final AutoCaster caster;

	private final DeadLetters deadLetters;

	private final OutageHold database = new OutageHold("PostgreSQL", DATABASE_HOLD, OutageHold.Waiting.sleeping(),
			() -> {
			});

	PinnedFlashListener(EnvelopeCodec codec, CastLinks links, AutoCaster caster, DeadLetters deadLetters) {
		this.codec = codec;
		this.links = links;
		this.caster = caster;
		this.deadLetters = deadLetters;
	}

	@RabbitListener(id = "flash-pinned", queues = FlashTopology.CASTING_QUEUE, ackMode = "MANUAL",
			concurrency = "${invaders.bot.cast.listener-concurrency:4}")
	void onMessage(Message message, Channel channel) throws IOException {
		long tag = message.getMessageProperties().getDeliveryTag();
		Envelope<FlashPinned> envelope;
		try {
			envelope = this.codec.decode(message.getBody(), MessageType.FLASH_PINNED);
		}
		catch (MalformedMessageException ex) {
			boolean confirmed = this.deadLetters.send(message, ex.reason().label(), ex.getMessage());
			if (confirmed) {
				channel.basicAck(tag, false);
			}
			else {
				channel.basicReject(tag, false);
			}
			return;
		}
		FlashPinned flash = envelope.payload();
		Boolean pending;
		try {
			pending = this.database.call(() -> this.links.linkPinned(flash).orElse(null),
					(failure) -> failure instanceof DataAccessException);
		}
		catch (OutageHold.Interrupted ex) {
			// Shutting down: not acked, so the broker hands it out again.
			return;
		}
		channel.basicAck(tag, false);
		if (Boolean.TRUE.equals(pending)) {
			try {
				this.caster.castNow(flash.flashId());
			}
			catch (RuntimeException ex) {
				// The row stays due: the retry worker casts it.
				logger.warn("Cast of flash {} deferred to the retry worker: {}", flash.flashId(), ex.getMessage());
			}
		}
	}

}
