package app.flashcastr.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * A message waiting in the outbox.
 *
 * @param id row id
 * @param messageId envelope id, also the AMQP message-id
 * @param exchange target exchange
 * @param routingKey routing key
 * @param messageType envelope type
 * @param messageVersion envelope version
 * @param body encoded envelope
 * @param traceParent W3C traceparent of the trace that wrote it, or null
 * @param createdAt when it was written
 * @param attempts failed publish attempts so far
 */
record OutboxEntry(long id, UUID messageId, String exchange, String routingKey, String messageType, int messageVersion,
		byte[] body, String traceParent, Instant createdAt, int attempts) {
}
