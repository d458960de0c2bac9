package app.flashcastr.consumer.intake;

import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.stereotype.Component;

import app.flashcastr.consumer.ConsumerProperties;
import app.flashcastr.contracts.messaging.FlashTopology;

/**
 * Reads the consumer queue's depth from the broker (a passive declare) when the queue
 * depth or backpressure gauge is scraped. A read is reused for at most
 * {@code queueDepthMaxAge} (one broker call for both gauges of a scrape); when the broker
 * cannot be asked the depth is NaN, never a stale number.
 */
@Component
class QueueMonitor {

	private static final Logger logger = LoggerFactory.getLogger(QueueMonitor.class);

	private final AmqpAdmin admin;

	private final long maxAgeNanos;

	private final ReentrantLock lock = new ReentrantLock();

	// Guarded by lock.
	private double depth = Double.NaN;

	private long readAtNanos;

	private boolean read;

	QueueMonitor(AmqpAdmin admin, IntakeMetrics metrics, ConsumerProperties properties) {
		this.admin = admin;
		this.maxAgeNanos = properties.intake().queueDepthMaxAge().toNanos();
		metrics.queueDepth(this::depth);
	}

	/** Ready messages in the queue, or NaN when the broker cannot tell. */
	double depth() {
		this.lock.lock();
		try {
			if (!this.read || System.nanoTime() - this.readAtNanos >= this.maxAgeNanos) {
				this.depth = ask();
				this.readAtNanos = System.nanoTime();
				this.read = true;
			}
			return this.depth;
		}
		finally {
			this.lock.unlock();
		}
	}

	private double ask() {
		try {
			Properties queue = this.admin.getQueueProperties(FlashTopology.CONSUMER_QUEUE);
			if (queue == null) {
				logger.debug("Queue depth not read: {} not found", FlashTopology.CONSUMER_QUEUE);
				return Double.NaN;
			}
			return ((Number) queue.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).doubleValue();
		}
		catch (RuntimeException ex) {
			// The broker is away: unknown, not the last value; connection metrics and
			// health say why.
			logger.debug("Queue depth not read: {}", ex.toString());
			return Double.NaN;
		}
	}

}
