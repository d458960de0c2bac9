package app.flashcastr.consumer.intake;

import java.time.Duration;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.stereotype.Component;

import app.flashcastr.contracts.messaging.FlashTopology;
import app.flashcastr.observability.metrics.ScrapeTimeReading;

/**
 * Reads the consumer queue's depth from the broker (a passive declare) for the queue
 * depth and backpressure gauges: a scrape is served the last read at once and starts the
 * next one in the background when it is older than {@code queueDepthMaxAge}, so a scrape
 * never waits on RabbitMQ; when the broker cannot be asked the depth is NaN, never a
 * stale number.
 */
@Component
class QueueMonitor {

	/** A broker call running longer than this means the broker is in trouble: unknown. */
	private static final Duration MAX_WAIT = Duration.ofSeconds(2);

	private static final Logger logger = LoggerFactory.getLogger(QueueMonitor.class);

	private final AmqpAdmin admin;

	private final ScrapeTimeReading<Double> reading;

	QueueMonitor(AmqpAdmin admin, IntakeMetrics metrics, IntakeProperties settings) {
		this.admin = admin;
		this.reading = new ScrapeTimeReading<>("queue-depth", this::ask, settings.queueDepthMaxAge(), MAX_WAIT);
		metrics.queueDepth(this::depth);
	}

	/** Ready messages in the queue, or NaN when the broker cannot tell. */
	double depth() {
		Double depth = this.reading.get();
		return (depth != null) ? depth : Double.NaN;
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
