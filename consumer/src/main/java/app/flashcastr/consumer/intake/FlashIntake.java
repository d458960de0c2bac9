package app.flashcastr.consumer.intake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import com.rabbitmq.client.Channel;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import app.flashcastr.consumer.download.DownloadFailure;
import app.flashcastr.consumer.download.DownloadedImage;
import app.flashcastr.consumer.download.ImageDownloader;
import app.flashcastr.consumer.outage.Dependencies;
import app.flashcastr.consumer.outage.Dependency;
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
 * their reason; a flash already pinned is acked without work; while PostgreSQL, IPFS or
 * the image host fails transiently the thread waits holding its message
 * ({@link Dependency}), so the intake stops taking new ones and nothing is lost or
 * dead-lettered, at any traffic. Messages come in batches (one lookup, one
 * acknowledgement); each flash of a batch is worked on its own virtual thread.
 */
@Component
class FlashIntake {

	private static final Logger logger = LoggerFactory.getLogger(FlashIntake.class);

	private static final String RECEIVE_SPAN = FlashTopology.CONSUMER_QUEUE + " receive";

	private final EnvelopeCodec codec;

	private final FlashLookup lookup;

	private final ImageDownloader downloader;

	private final GuardedPinner pinner;

	private final CidWriter writer;

	private final DeadLetters deadLetters;

	private final IntakeMetrics metrics;

	private final Shutdown shutdown;

	private final Dependency database;

	private final Dependency imageHost;

	private final ReceiveSpans receiveSpans;

	private final InFlightFlashes inFlight = new InFlightFlashes();

	// One virtual thread per flash: downloads and pins wait on the network, not on CPU.
	private final ExecutorService workers = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("flash-", 0).factory());

	FlashIntake(EnvelopeCodec codec, FlashLookup lookup, ImageDownloader downloader, GuardedPinner pinner,
			CidWriter writer, DeadLetters deadLetters, IntakeMetrics metrics, Shutdown shutdown,
			Dependencies dependencies, ReceiveSpans receiveSpans) {
		this.receiveSpans = receiveSpans;
		this.codec = codec;
		this.lookup = lookup;
		this.downloader = downloader;
		this.pinner = pinner;
		this.writer = writer;
		this.deadLetters = deadLetters;
		this.metrics = metrics;
		this.shutdown = shutdown;
		this.database = dependencies.database();
		this.imageHost = dependencies.download();
	}

	/**
	 * One batch from the container: decoded, claimed and looked up together, each flash
	 * then worked on its own virtual thread in its own span, and acked together once
	 * every flash is decided (one multiple-ack when all succeeded).
	 */
	@RabbitListener(id = "flash-intake", queues = FlashTopology.CONSUMER_QUEUE, batch = "true")
	void onBatch(List<Message> messages, Channel channel) throws IOException {
		long received = System.nanoTime();
		List<Work> batch = new ArrayList<>(messages.size());
		try (IntakeMetrics.Batch inFlight = this.metrics.received(messages.size(), oldestSent(messages))) {
			List<Long> claimed = new ArrayList<>(messages.size());
			for (Message message : messages) {
				Work work = Work.of(message, this.codec, this.inFlight);
				batch.add(work);
				if (work.claim != null) {
					claimed.add(work.envelope.payload().flashId());
				}
			}
			Map<Long, PinState> states = claimed.isEmpty() ? Map.of() : withDatabase(() -> this.lookup.states(claimed));
			List<Future<Decision>> decisions = new ArrayList<>(batch.size());
			for (Work work : batch) {
				decisions.add(this.workers.submit(() -> traced(work, states, received)));
			}
			acknowledge(channel, batch, decisions);
		}
		catch (Shutdown.ShuttingDown ex) {
			logger.debug("Batch of {} returned to the queue at shutdown", messages.size());
		}
		finally {
			// Claims not handed to a worker (lookup failed at shutdown) are released
			// here.
			batch.forEach(Work::release);
		}
	}

	private static long oldestSent(List<Message> messages) {
		long oldest = Long.MAX_VALUE;
		for (Message message : messages) {
			java.util.Date timestamp = message.getMessageProperties().getTimestamp();
			if (timestamp != null) {
				oldest = Math.min(oldest, timestamp.getTime());
			}
		}
		return oldest;
	}

	/**
	 * Acks (or rejects) each decided message once every flash of the batch is decided;
	 * one multiple-ack when all of them are acks. A message left undecided by shutdown
	 * stays unacked and returns to the queue.
	 */
	private void acknowledge(Channel channel, List<Work> batch, List<Future<Decision>> decisions) throws IOException {
		List<Decision> decided = new ArrayList<>(batch.size());
		boolean allAcked = true;
		for (Future<Decision> decision : decisions) {
			Decision value = outcome(decision);
			decided.add(value);
			allAcked &= value == Decision.ACK;
		}
		if (allAcked && !this.shutdown.closing()) {
			channel.basicAck(batch.getLast().tag(), true);
			return;
		}
		for (int i = 0; i < batch.size(); i++) {
			Decision value = decided.get(i);
			if (value == Decision.ACK) {
				channel.basicAck(batch.get(i).tag(), false);
			}
			else if (value == Decision.REJECT) {
				channel.basicReject(batch.get(i).tag(), false);
			}
		}
	}

	private static Decision outcome(Future<Decision> decision) {
		try {
			return decision.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Decision.LEAVE;
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof Shutdown.ShuttingDown)) {
				logger.error("Flash processing failed unexpectedly; the message returns to the queue", ex.getCause());
			}
			return Decision.LEAVE;
		}
	}

	/**
	 * One flash in its CONSUMER span, continuing the producer's trace; its processing
	 * time is recorded in that span, so the histogram links to the trace.
	 */
	private Decision traced(Work work, Map<Long, PinState> states, long received) throws InterruptedException {
		Span span = this.receiveSpans.start(work.message.getMessageProperties(), RECEIVE_SPAN);
		try (Tracer.SpanInScope scope = this.receiveSpans.inScope(span)) {
			Decision decision = process(work, states);
			this.metrics.decided(received);
			return decision;
		}
		catch (RuntimeException | InterruptedException ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

	private Decision process(Work work, Map<Long, PinState> states) throws InterruptedException {
		Message message = work.message;
		if (work.malformed != null) {
			return deadLetter(message, work.malformed.reason().label(), work.malformed.getMessage());
		}
		FlashReceived flash = work.envelope.payload();
		PinState state;
		if (work.claim == null) {
			// Held by another delivery of the same flash: wait for it, then look again.
			work.claim = this.inFlight.claim(flash.flashId());
			state = withDatabase(() -> this.lookup.state(flash.flashId()));
		}
		else {
			state = states.get(flash.flashId());
		}
		try {
			return process(message, flash, state);
		}
		finally {
			work.release();
		}
	}

	private Decision process(Message message, FlashReceived flash, PinState state) {
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
			// Permanent only: a transient failure holds the message until the host
			// answers.
			this.metrics.failedForGood();
			return deadLetter(message, failure.reason().label(), failure.getMessage());
		}
		PinnedImage pinned;
		try {
			pinned = this.pinner.pin(image);
		}
		catch (GuardedPinner.PinRejected ex) {
			this.metrics.failedForGood();
			return deadLetter(message, "ipfs_rejected", ex.getMessage());
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

	/**
	 * Downloads the image (with the downloader's own quick retries), holding the message
	 * while the image host fails transiently, its {@code Retry-After} honoured.
	 * @throws DownloadFailure only for a permanent failure (not found, not an image, too
	 * large)
	 */
	private DownloadedImage download(String img) {
		return this.imageHost.call(() -> this.downloader.download(img),
				(failure) -> failure instanceof DownloadFailure download && !download.permanent(),
				(failure) -> ((DownloadFailure) failure).retryAfter());
	}

	/**
	 * Runs a database step, holding the message through an outage.
	 */
	private <T> T withDatabase(Supplier<T> step) {
		return this.database.call(step,
				(failure) -> failure instanceof DataAccessException || failure instanceof CompletionException);
	}

	private Decision deadLetter(Message message, String reason, String detail) {
		return this.deadLetters.send(message, reason, detail) ? Decision.ACK : Decision.REJECT;
	}

	private enum Decision {

		/** Done (processed, duplicate, or dead-lettered with its reason). */
		ACK,
		/** Reject without requeue: the queue's dead-letter exchange takes it. */
		REJECT,
		/** Not decided (shutting down): unacked, the broker delivers it again. */
		LEAVE

	}

	/** One message of a batch: decoded (or why not) and the claim on its flash. */
	private static final class Work {

		private final Message message;

		private final Envelope<FlashReceived> envelope;

		private final MalformedMessageException malformed;

		private volatile InFlightFlashes.Claim claim;

		private Work(Message message, Envelope<FlashReceived> envelope, MalformedMessageException malformed,
				InFlightFlashes.Claim claim) {
			this.message = message;
			this.envelope = envelope;
			this.malformed = malformed;
			this.claim = claim;
		}

		static Work of(Message message, EnvelopeCodec codec, InFlightFlashes inFlight) {
			try {
				Envelope<FlashReceived> envelope = codec.decode(message.getBody(), MessageType.FLASH_RECEIVED);
				return new Work(message, envelope, null, inFlight.tryClaim(envelope.payload().flashId()));
			}
			catch (MalformedMessageException ex) {
				return new Work(message, null, ex, null);
			}
		}

		long tag() {
			return this.message.getMessageProperties().getDeliveryTag();
		}

		void release() {
			InFlightFlashes.Claim held = this.claim;
			if (held != null) {
				this.claim = null;
				held.close();
			}
		}

	}

}
