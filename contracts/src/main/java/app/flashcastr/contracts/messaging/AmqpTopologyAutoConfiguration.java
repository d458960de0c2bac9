package app.flashcastr.contracts.messaging;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import app.flashcastr.contracts.messaging.AmqpTopologyProperties.QueueType;

/**
 * Declares the shared topology in every service that talks to RabbitMQ, so whichever
 * starts first creates it and a publish never meets a missing queue. Nothing is declared
 * with {@code flashcastr.amqp.declare=false}: read here rather than in a condition, since
 * Spring AOT fixes conditions when the jar is built.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.amqp.rabbit.core.RabbitAdmin")
@EnableConfigurationProperties(AmqpTopologyProperties.class)
public class AmqpTopologyAutoConfiguration {

	@Bean
	Declarables flashcastrTopology(AmqpTopologyProperties properties) {
		return properties.declare() ? new Declarables(topology(properties)) : new Declarables();
	}

	/** The exchanges, queues and bindings, for the given settings. */
	public static List<Declarable> topology(AmqpTopologyProperties properties) {
		TopicExchange events = new TopicExchange(FlashTopology.EVENTS_EXCHANGE, true, false);
		TopicExchange deadLetters = new TopicExchange(FlashTopology.DEAD_LETTER_EXCHANGE, true, false);
		Queue consumerQueue = workQueue(FlashTopology.CONSUMER_QUEUE, properties);
		Queue castingQueue = workQueue(FlashTopology.CASTING_QUEUE, properties);
		Queue deadLetterQueue = new Queue(FlashTopology.DEAD_LETTER_QUEUE, true, false, false,
				queueTypeArguments(properties));
		Binding received = BindingBuilder.bind(consumerQueue).to(events).with(MessageType.FLASH_RECEIVED.name());
		Binding pinned = BindingBuilder.bind(castingQueue).to(events).with(MessageType.FLASH_PINNED.name());
		Binding allDead = BindingBuilder.bind(deadLetterQueue).to(deadLetters).with("#");
		return List.of(events, deadLetters, consumerQueue, castingQueue, deadLetterQueue, received, pinned, allDead);
	}

	private static Queue workQueue(String name, AmqpTopologyProperties properties) {
		Map<String, Object> arguments = queueTypeArguments(properties);
		if (properties.queueType() == QueueType.CLASSIC) {
			// The devstack's embedded broker (Qpid) closes the connection on any x-
			// argument: plain durable queues.
			return new Queue(name, true, false, false, arguments);
		}
		arguments.put("x-dead-letter-exchange", FlashTopology.DEAD_LETTER_EXCHANGE);
		arguments.put("x-max-length", properties.maxLength());
		// A full queue refuses new publishes (the publisher's outbox keeps them) instead
		// of dropping old messages.
		arguments.put("x-overflow", "reject-publish");
		arguments.put("x-delivery-limit", properties.deliveryLimit());
		return new Queue(name, true, false, false, arguments);
	}

	private static Map<String, Object> queueTypeArguments(AmqpTopologyProperties properties) {
		Map<String, Object> arguments = new HashMap<>();
		if (properties.queueType() == QueueType.QUORUM) {
			arguments.put("x-queue-type", "quorum");
			if (properties.quorumInitialGroupSize() > 0) {
				arguments.put("x-quorum-initial-group-size", properties.quorumInitialGroupSize());
			}
		}
		return arguments;
	}

}
