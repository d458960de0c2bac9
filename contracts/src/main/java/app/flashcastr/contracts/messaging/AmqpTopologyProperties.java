package app.flashcastr.contracts.messaging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the shared queues are declared ({@code flashcastr.amqp.*}, e.g. env
 * {@code FLASHCASTR_AMQP_QUEUE_TYPE}).
 *
 * @param queueType {@code quorum} on RabbitMQ; {@code classic} only for the devstack's
 * embedded broker, which has no quorum queues (the one topology difference, kept here)
 * @param deliveryLimit deliveries of one message before RabbitMQ dead-letters it (quorum
 * queues)
 * @param maxLength queue length beyond which publishes are rejected (the publisher keeps
 * them in its outbox)
 * @param declare whether this service declares the topology at start-up
 * @param quorumInitialGroupSize replicas of each quorum queue when it is created
 * ({@code x-quorum-initial-group-size}; the broker caps it at the cluster's size); 0
 * leaves it to the broker, which in RabbitMQ 3.x puts one on every node. RabbitMQ refuses
 * to redeclare a queue with another value, so it applies to new queues only: set it
 * before the first start on a cluster (docs/cluster.md)
 */
@Validated
@ConfigurationProperties("flashcastr.amqp")
public record AmqpTopologyProperties(@NotNull @DefaultValue("quorum") QueueType queueType,
		@Min(1) @Max(100) @DefaultValue("5") int deliveryLimit, @Min(1000) @DefaultValue("1000000") int maxLength,
		@DefaultValue("true") boolean declare, @Min(0) @Max(9) @DefaultValue("0") int quorumInitialGroupSize) {

	/** Queue flavour. */
	public enum QueueType {

		/** Replicated, with a delivery limit; the production choice. */
		QUORUM,
		/**
		 * The devstack's embedded broker only: durable queues with no {@code x-}
		 * arguments.
		 */
		CLASSIC

	}

}
