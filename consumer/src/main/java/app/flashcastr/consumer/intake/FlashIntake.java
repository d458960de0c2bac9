package app.flashcastr.consumer.intake;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import app.flashcastr.consumer.download.DownloadFailure;
import app.flashcastr.consumer.download.DownloadedImage;
import app.flashcastr.consumer.download.ImageDownloader;
import app.flashcastr.consumer.intake.IntakeMetrics.FailureType;
import app.flashcastr.consumer.pin.GuardedPinner;
import app.flashcastr.consumer.pin.PinnedImage;
import app.flashcastr.consumer.store.CidWriter;
import app.flashcastr.consumer.store.FlashLookup;
import app.flashcastr.consumer.store.PinState;
import app.flashcastr.contracts.messaging.DeadLetters;
import app.flashcastr.contracts.messaging.Envelope;
import app.flashcastr.contracts.messaging.EnvelopeCodec;
import app.flashcastr.contracts.messaging.FlashReceived;
import app.flashcastr.contracts.messaging.FlashTopology;
import app.flashcastr.contracts.messaging.MalformedMessageException;
import app.flashcastr.contracts.messaging.MessageType;

/**
 * Takes each announced flash through lookup → download → pin → store and acks only after
 * the CID is committed. Messages that can never succeed are dead-lettered at once with
 * their reason; a flash already pinned is acked without work; while IPFS (breaker OPEN)
 * or PostgreSQL is down the thread waits holding its message, so the intake stops taking
 * new ones and nothing is lost or dead-lettered. Runs with the container's concurrency on
 * virtual threads.
 */
@Component
class FlashIntake {

	private static final Logger logger = LoggerFactory.getLogger(FlashIntake.class);

	private static final Duration DATABASE_RETRY_MAX = Duration.ofSeconds(5);

	private static final int MAX_RETRY_AFTER_WAITS = 3;

	private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(2);

	private final EnvelopeCodec codec;

	private final FlashLookup lookup;

	private final ImageDownloader downloader;

	private final GuardedPinner pinner;

	private final CidWriter writer;

	private final DeadLetters deadLetters;

	private final IntakeMetrics metrics;

	private final Shutdown shutdown;

	private final InFlightFlashes inFlight = new InFlightFlashes();

	FlashIntake(EnvelopeCodec codec, FlashLookup lookup, ImageDownloader downloader, GuardedPinner pinner,
			CidWriter writer, DeadLetters deadLetters, IntakeMetrics metrics, Shutdown shutdown) {
		this.codec = codec;
		this.lookup = lookup;
		this.downloader = downloader;
		this.pinner = pinner;
		this.writer = writer;
		this.deadLetters = deadLetters;
		this.metrics = metrics;
		this.shutdown = shutdown;
	}

	@RabbitListener(id = "flash-intake", queues = FlashTopology.CONSUMER_QUEUE)
	void onMessage(Message message, Channel channel) throws IOException {
		long tag = message.getMessageProperties().getDeliveryTag();
		long started = System.nanoTime();
		this.metrics.started();
		try {
			switch (process(message)) {
				case ACK -> channel.basicAck(tag, false);
				case REJECT -> channel.basicReject(tag, false);
			}
		}
		catch (Shutdown.ShuttingDown ex) {
			// Not acked: the broker hands it to the next consumer when this channel
			// closes.
			logger.debug("Message {} returned to the queue at shutdown", message.getMessageProperties().getMessageId());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.metrics.finished(started);
		}
	}

	private Decision process(Message message) throws InterruptedException {
		Envelope<FlashReceived> envelope;
		try {
			envelope = this.codec.decode(message.getBody(), MessageType.FLASH_RECEIVED);
		}
		catch (MalformedMessageException ex) {
			return deadLetter(message, ex.reason().label(), ex.getMessage());
		}
		this.metrics.messageAge(message.getMessageProperties().getTimestamp());
		FlashReceived flash = envelope.payload();
		try (InFlightFlashes.Claim claim = this.inFlight.claim(flash.flashId())) {
			PinState state = withDatabase(() -> this.lookup.state(flash.flashId()));
			if (state == PinState.PINNED) {
				this.metrics.duplicate();
				return Decision.ACK;
			}
			if (state == PinState.UNKNOWN) {
				return deadLetter(message, "unknown_flash", "flash " + flash.flashId() + " is not in flashes");
			}
			DownloadedImage image;
			try {
				image = download(flash.img());
			}
			catch (DownloadFailure failure) {
				String reason = failure.permanent() ? failure.reason().label() : "download_error";
				return deadLetter(message, reason, failure.getMessage());
			}
			PinnedImage pinned;
			try {
				pinned = this.pinner.pin(image);
			}
			catch (GuardedPinner.PinRejected ex) {
				this.metrics.failed(FailureType.IPFS);
				return deadLetter(message, "ipfs_rejected", ex.getMessage());
			}
			catch (GuardedPinner.PinGaveUp ex) {
				this.metrics.failed(FailureType.IPFS);
				return deadLetter(message, "ipfs_error", ex.getMessage());
			}
			CidWriter.Written written = withDatabase(() -> this.writer.submit(flash.flashId(), pinned.cid()).join());
			if (written.updated()) {
				this.metrics.processed(written.firstSeenAt());
			}
			else {
				this.metrics.duplicate();
			}
			return Decision.ACK;
		}
	}

	/**
	 * Downloads the image; when the feed host asks for more patience than the
	 * downloader's own retries ({@code Retry-After}), waits that long holding the
	 * message, a bounded number of times.
	 */
	private DownloadedImage download(String img) {
		for (int waits = 0;; waits++) {
			try {
				DownloadedImage image = this.downloader.download(img);
				this.metrics.recovered(FailureType.DOWNLOAD);
				return image;
			}
			catch (DownloadFailure failure) {
				this.metrics.failed(FailureType.DOWNLOAD);
				if (failure.permanent() || failure.retryAfter() == null || waits >= MAX_RETRY_AFTER_WAITS) {
					throw failure;
				}
				this.shutdown.pause(
						(failure.retryAfter().compareTo(MAX_RETRY_AFTER) < 0) ? failure.retryAfter() : MAX_RETRY_AFTER);
			}
		}
	}

	/**
	 * Runs a database step, waiting out an outage with backoff while holding the message.
	 */
	private <T> T withDatabase(Supplier<T> step) {
		Duration delay = Duration.ofMillis(100);
		while (true) {
			try {
				T result = step.get();
				this.metrics.recovered(FailureType.DATABASE);
				return result;
			}
			catch (DataAccessException | CompletionException ex) {
				this.metrics.failed(FailureType.DATABASE);
				logger.warn("Database unavailable ({}); holding the message and retrying in {} ms",
						rootCause(ex).getClass().getSimpleName(), delay.toMillis());
				this.shutdown.pause(delay);
				delay = (delay.multipliedBy(2).compareTo(DATABASE_RETRY_MAX) < 0) ? delay.multipliedBy(2)
						: DATABASE_RETRY_MAX;
			}
		}
	}

	private Decision deadLetter(Message message, String reason, String detail) {
		return this.deadLetters.send(message, reason, detail) ? Decision.ACK : Decision.REJECT;
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	private enum Decision {

		/** Done (processed, duplicate, or dead-lettered with its reason). */
		ACK,
		/** Reject without requeue: the queue's dead-letter exchange takes it. */
		REJECT

	}

}
