package app.flashcastr.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import app.flashcastr.contracts.messaging.FlashTopology;
import app.flashcastr.observability.logging.Causes;

/**
 * Publishes outbox entries in batches: send all with publisher confirms and
 * {@code mandatory}, wait for the confirms, delete the confirmed entries and reschedule
 * the rest with backoff, in the same transaction that locked them. A broker outage leaves
 * entries in place; they drain when it returns. At-least-once: a confirm lost in transit
 * means a second publish, which consumers absorb by idempotency.
 */
public class OutboxRelay {

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	private final Outbox outbox;

	private final RabbitTemplate rabbitTemplate;

	private final TransactionTemplate transactions;

	private final TraceParents traceParents;

	private final PublishMetrics metrics;

	private final OutboxProperties settings;

	// One drain at a time in this process; other replicas are kept apart by SKIP LOCKED.
	private final ReentrantLock draining = new ReentrantLock();

	// Set while a drainSoon() request waits to run, so a burst of requests costs one
	// drain.
	private final java.util.concurrent.atomic.AtomicBoolean drainRequested = new java.util.concurrent.atomic.AtomicBoolean();

	// Set at shutdown: no new drain may start once the service's connections are closing.
	private volatile boolean closed;

	// Set while polls find no broker: logged once per outage, not once per poll.
	private volatile boolean brokerUnreachable;

	OutboxRelay(Outbox outbox, RabbitTemplate rabbitTemplate, TransactionTemplate transactions,
			TraceParents traceParents, PublishMetrics metrics, OutboxProperties settings) {
		this.outbox = outbox;
		this.rabbitTemplate = rabbitTemplate;
		this.transactions = transactions;
		this.traceParents = traceParents;
		this.metrics = metrics;
		this.settings = settings;
	}

	/**
	 * Publishes every due entry, batch after batch, until none is due or a batch had
	 * failures (then the next poll retries, after the entries' backoff).
	 * @return the summary of this drain
	 */
	public DrainResult drain() {
		if (this.closed || !this.draining.tryLock()) {
			return new DrainResult(0, 0);
		}
		try {
			return drainLocked();
		}
		finally {
			this.draining.unlock();
		}
	}

	private DrainResult drainLocked() {
		int confirmed = 0;
		int failed = 0;
		while (true) {
			DrainResult batch;
			try {
				batch = this.transactions.execute((status) -> publishBatch());
			}
			catch (DataAccessException | TransactionException ex) {
				this.metrics.databaseFailed();
				throw ex;
			}
			confirmed += batch.confirmed();
			failed += batch.failed();
			if (batch.failed() > 0 || batch.confirmed() < this.settings.batchSize()) {
				return new DrainResult(confirmed, failed);
			}
		}
	}

	/**
	 * Drains in the background, soon: for callers that just committed entries and must
	 * not wait for the broker. Bursts of requests coalesce into one drain.
	 */
	public void drainSoon() {
		if (!this.closed && this.drainRequested.compareAndSet(false, true)) {
			Thread.ofVirtual().name("outbox-drain").start(() -> {
				this.drainRequested.set(false);
				// Wait for a drain in progress: entries committed after it started must
				// not wait for the next poll.
				this.draining.lock();
				try {
					if (this.closed) {
						return;
					}
					drainLocked();
				}
				catch (RuntimeException ex) {
					logger.warn("Outbox drain failed: {}", ex.toString());
				}
				finally {
					this.draining.unlock();
				}
			});
		}
	}

	private DrainResult publishBatch() {
		List<OutboxEntry> entries = this.outbox.lockDue(this.settings.batchSize());
		if (entries.isEmpty()) {
			return new DrainResult(0, 0);
		}
		// One channel for the whole batch: a cached channel with unconfirmed publishes is
		// not reused, so per-message
		// checkout would open a new channel for every message.
		BatchOutcome outcome;
		try {
			outcome = this.rabbitTemplate.invoke((operations) -> publishOnOneChannel(operations, entries));
		}
		catch (AmqpException ex) {
			// No channel: the broker is unreachable and no message was sent. A relay
			// error, not a message failure; every entry stays due for the next poll.
			this.metrics.brokerUnreachable();
			if (!this.brokerUnreachable) {
				this.brokerUnreachable = true;
				logger.warn("Outbox: broker unreachable ({}); {} entries wait for it, polled every {}",
						Causes.describe(ex), entries.size(), this.settings.pollInterval());
			}
			return new DrainResult(0, 0);
		}
		if (this.brokerUnreachable) {
			this.brokerUnreachable = false;
			logger.info("Outbox: broker reachable again; publishing");
		}
		List<Long> confirmedIds = outcome.confirmedIds();
		List<Long> failedIds = outcome.failedIds();
		String error = outcome.error();
		this.outbox.delete(confirmedIds);
		this.outbox.retryLater(failedIds, error, this.settings.retryBaseDelay(), this.settings.maxRetryDelay());
		this.metrics.published(confirmedIds.size());
		this.metrics.failed(failedIds.size());
		if (!failedIds.isEmpty()) {
			logger.warn("Outbox: {} of {} publishes failed ({}); they will be retried", failedIds.size(),
					entries.size(), error);
		}
		return new DrainResult(confirmedIds.size(), failedIds.size());
	}

	private BatchOutcome publishOnOneChannel(RabbitOperations operations, List<OutboxEntry> entries) {
		List<Pending> pending = new ArrayList<>(entries.size());
		List<Long> failedIds = new ArrayList<>();
		String sendError = null;
		for (OutboxEntry entry : entries) {
			Span span = this.traceParents.startPublishing(entry.traceParent(), entry.exchange(), entry.routingKey(),
					entry.messageId().toString());
			try (Tracer.SpanInScope scope = this.traceParents.inScope(span)) {
				CorrelationData correlation = new CorrelationData(entry.messageId().toString());
				Message message = message(entry);
				this.traceParents.inject(span, message.getMessageProperties());
				operations.send(entry.exchange(), entry.routingKey(), message, correlation);
				pending.add(new Pending(entry, correlation));
			}
			catch (AmqpException ex) {
				// The broker went away mid-batch: stop; untried entries stay due for the
				// next poll.
				span.error(ex);
				failedIds.add(entry.id());
				sendError = "send failed: " + ex.getClass().getSimpleName();
				break;
			}
			finally {
				span.end();
			}
		}
		List<Long> confirmedIds = new ArrayList<>(pending.size());
		long deadline = System.nanoTime() + this.settings.confirmTimeout().toNanos();
		String confirmError = null;
		for (Pending p : pending) {
			String problem = awaitConfirm(p.correlation(), deadline);
			if (problem == null) {
				confirmedIds.add(p.entry().id());
			}
			else {
				failedIds.add(p.entry().id());
				confirmError = problem;
			}
		}
		return new BatchOutcome(confirmedIds, failedIds, (sendError != null) ? sendError : confirmError);
	}

	/**
	 * Null when the broker confirmed and did not return the message, else what went
	 * wrong.
	 */
	private static String awaitConfirm(CorrelationData correlation, long deadlineNanos) {
		try {
			CorrelationData.Confirm confirm = correlation.getFuture()
				.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
			if (correlation.getReturned() != null) {
				return "returned: " + correlation.getReturned().getReplyText();
			}
			return confirm.ack() ? null : "nacked: " + confirm.reason();
		}
		catch (TimeoutException ex) {
			return "confirm timed out";
		}
		catch (ExecutionException ex) {
			return "confirm failed: " + ex.getCause().getClass().getSimpleName();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	private static Message message(OutboxEntry entry) {
		return MessageBuilder.withBody(entry.body())
			.setMessageId(entry.messageId().toString())
			.setType(entry.messageType())
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.setContentEncoding("UTF-8")
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.setTimestamp(java.util.Date.from(entry.createdAt()))
			.setHeader(FlashTopology.VERSION_HEADER, entry.messageVersion())
			.build();
	}

	/**
	 * Publishes what is due one last time, then refuses new drains; waits for a drain in
	 * progress. Entries still unconfirmed stay in the outbox for the next start.
	 */
	void close(java.time.Duration wait) {
		try {
			if (this.draining.tryLock(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
				try {
					drainLocked();
				}
				catch (RuntimeException ex) {
					logger.info("Final outbox drain incomplete ({}); entries wait for the next start", ex.toString());
				}
				finally {
					this.closed = true;
					this.draining.unlock();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.closed = true;
	}

	/** Accepts drains again after {@link #close}, when the application starts again. */
	void reopen() {
		this.closed = false;
	}

	private record Pending(OutboxEntry entry, CorrelationData correlation) {
	}

	private record BatchOutcome(List<Long> confirmedIds, List<Long> failedIds, String error) {
	}

	/**
	 * What one drain did.
	 *
	 * @param confirmed entries published and confirmed
	 * @param failed publishes that failed and were rescheduled (0 when the broker was
	 * unreachable: nothing was sent)
	 */
	public record DrainResult(int confirmed, int failed) {
	}

}
