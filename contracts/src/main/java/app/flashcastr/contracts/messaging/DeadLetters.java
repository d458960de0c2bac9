package app.flashcastr.contracts.messaging;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Sends a message that can never succeed to the dead-letter exchange with why (headers
 * {@code x-flashcastr-death-reason}, {@code x-flashcastr-death-detail}), waiting for the
 * broker's confirm before the original is acked. If that publish fails, the caller
 * rejects the original instead and the queue's own dead-lettering takes it (without the
 * reason). Shared by every service that consumes our queues.
 */
public final class DeadLetters {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetters.class);

	private final RabbitTemplate rabbitTemplate;

	private final Consumer<String> counter;

	/**
	 * Dead letters sent through this template.
	 * @param rabbitTemplate a template with publisher confirms
	 * @param counter counts a dead letter by reason (the service's metric)
	 */
	public DeadLetters(RabbitTemplate rabbitTemplate, Consumer<String> counter) {
		this.rabbitTemplate = rabbitTemplate;
		this.counter = counter;
	}

	/**
	 * Dead-letters a message with its reason.
	 * @param original the message as received
	 * @param reason a short machine-readable reason (a metric label value)
	 * @param detail one line for humans
	 * @return true when the dead letter is confirmed; the caller then acks the original
	 */
	public boolean send(Message original, String reason, String detail) {
		MessageProperties properties = original.getMessageProperties();
		properties.setHeader(FlashTopology.DEATH_REASON_HEADER, reason);
		properties.setHeader(FlashTopology.DEATH_DETAIL_HEADER, oneLine(detail));
		String routingKey = (properties.getReceivedRoutingKey() != null) ? properties.getReceivedRoutingKey()
				: "unknown";
		this.counter.accept(reason);
		logger.warn("Dead-lettered message {} ({}): {}", properties.getMessageId(), reason, oneLine(detail));
		try {
			CorrelationData correlation = new CorrelationData();
			this.rabbitTemplate.send(FlashTopology.DEAD_LETTER_EXCHANGE, routingKey, original, correlation);
			CorrelationData.Confirm confirm = correlation.getFuture().get(10, TimeUnit.SECONDS);
			return confirm.ack() && correlation.getReturned() == null;
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			logger.warn("Dead-letter publish failed ({}); rejecting the message instead",
					ex.getClass().getSimpleName());
			return false;
		}
	}

	private static String oneLine(String detail) {
		if (detail == null) {
			return "";
		}
		String line = detail.replaceAll("\\s+", " ");
		return (line.length() > 300) ? line.substring(0, 300) + "…" : line;
	}

}
