package app.flashcastr.consumer.intake;

import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import app.flashcastr.contracts.messaging.FlashTopology;

/**
 * Reads the consumer queue's depth from the broker (a passive declare) for the queue
 * depth and backpressure gauges.
 */
@Component
class QueueMonitor {

	private static final Logger logger = LoggerFactory.getLogger(QueueMonitor.class);

	private final AmqpAdmin admin;

	private final IntakeMetrics metrics;

	QueueMonitor(AmqpAdmin admin, IntakeMetrics metrics) {
		this.admin = admin;
		this.metrics = metrics;
	}

	@Scheduled(fixedDelayString = "${invaders.consumer.intake.queue-depth-refresh:15s}", initialDelay = 0)
	void refresh() {
		try {
			Properties queue = this.admin.getQueueProperties(FlashTopology.CONSUMER_QUEUE);
			if (queue != null) {
				this.metrics.queueDepth(((Number) queue.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).longValue());
			}
		}
		catch (RuntimeException ex) {
			// The broker is away: keep the last value; the connection metrics and health
			// say why.
			logger.debug("Queue depth not read: {}", ex.toString());
		}
	}

}
