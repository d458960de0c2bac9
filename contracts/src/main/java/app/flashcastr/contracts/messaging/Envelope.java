package app.flashcastr.contracts.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Every message between Flashcastr services: who sent what, when, in which version, and
 * the correlation id that ties one flash's journey together.
 *
 * @param id unique message id (also the AMQP {@code message-id}); consumers deduplicate
 * on it
 * @param type routing key style type, e.g. {@code flash.received}
 * @param version payload schema version; a consumer rejects versions it does not know
 * @param occurredAt when the event happened (for {@code flash.received}: when the
 * producer first saw the flash)
 * @param source the service that emitted it, e.g. {@code invaders-bot}
 * @param correlationId constant through the chain of events about one flash
 * @param payload the event itself
 * @param <T> payload type
 */
public record Envelope<T>(@JsonProperty("id") UUID id, @JsonProperty("type") String type,
		@JsonProperty("version") int version, @JsonProperty("occurred_at") Instant occurredAt,
		@JsonProperty("source") String source, @JsonProperty("correlation_id") UUID correlationId,
		@JsonProperty("payload") T payload) {

	public Envelope {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(correlationId, "correlationId");
		Objects.requireNonNull(payload, "payload");
	}

	/** A new envelope of a known message type. */
	public static <T> Envelope<T> of(MessageType<T> type, Instant occurredAt, String source, UUID correlationId,
			T payload) {
		return new Envelope<>(UUID.randomUUID(), type.name(), type.version(), occurredAt, source, correlationId,
				payload);
	}

	/**
	 * The correlation id of everything that happens to one flash. Derived from the flash
	 * id, so a re-announcement or a retry after a restart joins the same correlation
	 * without any stored state.
	 */
	public static UUID correlationIdOf(long flashId) {
		return UUID
			.nameUUIDFromBytes(("flashcastr:flash:" + flashId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	/**
	 * A new envelope that continues the correlation of an earlier message (the next step
	 * for the same flash).
	 */
	public <R> Envelope<R> followUp(MessageType<R> nextType, Instant occurredAt, String nextSource, R nextPayload) {
		return new Envelope<>(UUID.randomUUID(), nextType.name(), nextType.version(), occurredAt, nextSource,
				this.correlationId, nextPayload);
	}

}
