package app.flashcastr.contracts.messaging;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import app.flashcastr.contracts.messaging.MalformedMessageException.Reason;

/**
 * Reads and writes the envelope wire format. It owns its {@link JsonMapper} on purpose:
 * the wire format must not change when a service customizes its application-wide Jackson
 * settings. Thread-safe.
 */
public final class EnvelopeCodec {

	private final JsonMapper mapper = JsonMapper.builder()
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	/** The UTF-8 JSON bytes of an envelope. */
	public byte[] encode(Envelope<?> envelope) {
		return this.mapper.writeValueAsBytes(envelope);
	}

	/**
	 * Reads an envelope of the expected type and version.
	 * @throws MalformedMessageException with the reason when it cannot be processed as
	 * sent
	 */
	public <T> Envelope<T> decode(byte[] body, MessageType<T> expected) {
		JsonNode root;
		try {
			root = this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new MalformedMessageException(Reason.MALFORMED_JSON, "body is not valid JSON", ex);
		}
		if (root == null || !root.isObject()) {
			throw new MalformedMessageException(Reason.MALFORMED_JSON, "body is not a JSON object");
		}
		String type = text(root, "type");
		if (!expected.name().equals(type)) {
			throw new MalformedMessageException(Reason.UNKNOWN_TYPE,
					"type '" + type + "' where '" + expected.name() + "' was expected");
		}
		JsonNode version = root.get("version");
		if (version == null || !version.isIntegralNumber()) {
			throw new MalformedMessageException(Reason.INVALID_PAYLOAD, "version missing or not an integer");
		}
		if (version.intValue() != expected.version()) {
			throw new MalformedMessageException(Reason.UNSUPPORTED_VERSION, "version " + version.intValue() + " of "
					+ type + " is not supported (reads " + expected.version() + ")");
		}
		try {
			UUID id = UUID.fromString(text(root, "id"));
			Instant occurredAt = Instant.parse(text(root, "occurred_at"));
			String source = text(root, "source");
			UUID correlationId = UUID.fromString(text(root, "correlation_id"));
			JsonNode payloadNode = root.get("payload");
			if (payloadNode == null || !payloadNode.isObject()) {
				throw new MalformedMessageException(Reason.INVALID_PAYLOAD, "payload missing or not an object");
			}
			T payload = this.mapper.treeToValue(payloadNode, expected.payloadClass());
			return new Envelope<>(id, type, version.intValue(), occurredAt, source, correlationId, payload);
		}
		catch (MalformedMessageException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new MalformedMessageException(Reason.INVALID_PAYLOAD,
					"invalid " + type + " envelope: " + ex.getClass().getSimpleName(), ex);
		}
	}

	private static String text(JsonNode root, String field) {
		JsonNode node = root.get(field);
		if (node == null || !node.isString()) {
			throw new MalformedMessageException(Reason.INVALID_PAYLOAD,
					"field '" + field + "' missing or not a string");
		}
		return node.asString();
	}

}
