package app.flashcastr.contracts.messaging;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
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

	// Values read one after the other from one parser: the next field is no trailing
	// token.
	private final ObjectReader streamReader = this.mapper.reader()
		.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	private final Map<Class<?>, ObjectReader> payloadReaders = new ConcurrentHashMap<>();

	/** The UTF-8 JSON bytes of an envelope. */
	public byte[] encode(Envelope<?> envelope) {
		return this.mapper.writeValueAsBytes(envelope);
	}

	/**
	 * Reads an envelope of the expected type and version. One pass when all is well: the
	 * payload that comes after type and version (as this codec writes it) is bound
	 * straight from the stream. Anything wrong is read again as a tree, so the reason
	 * named is the same whatever the field order.
	 * @throws MalformedMessageException with the reason when it cannot be processed as
	 * sent
	 */
	public <T> Envelope<T> decode(byte[] body, MessageType<T> expected) {
		try {
			return decodeStream(body, expected);
		}
		catch (RuntimeException ex) {
			return decodeTree(body, expected);
		}
	}

	/** The happy path: fails on anything unexpected, for the tree path to name it. */
	private <T> Envelope<T> decodeStream(byte[] body, MessageType<T> expected) {
		Map<String, JsonNode> fields = new HashMap<>(8);
		T payload = null;
		try (JsonParser parser = this.mapper.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new MalformedMessageException(Reason.MALFORMED_JSON, "body is not a JSON object");
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if ("payload".equals(name) && value == JsonToken.START_OBJECT && expectedSoFar(fields, expected)) {
					payload = bindPayload(parser, expected);
				}
				else {
					fields.put(name, this.streamReader.readTree(parser));
				}
			}
			if (parser.nextToken() != null || (payload != null && fields.containsKey("payload"))) {
				throw new MalformedMessageException(Reason.MALFORMED_JSON, "not one envelope object");
			}
		}
		return envelope(fields::get, payload, expected);
	}

	/** Every field read as a tree first (the slow path, and the one naming problems). */
	private <T> Envelope<T> decodeTree(byte[] body, MessageType<T> expected) {
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
		return envelope(root::get, null, expected);
	}

	/**
	 * Checks the envelope's fields in a fixed order and builds it; the payload is bound
	 * from its tree unless already bound.
	 */
	private <T> Envelope<T> envelope(Function<String, JsonNode> field, T boundPayload, MessageType<T> expected) {
		String type = text(field, "type");
		if (!expected.name().equals(type)) {
			throw new MalformedMessageException(Reason.UNKNOWN_TYPE,
					"type '" + type + "' where '" + expected.name() + "' was expected");
		}
		JsonNode version = field.apply("version");
		if (version == null || !version.isIntegralNumber()) {
			throw new MalformedMessageException(Reason.INVALID_PAYLOAD, "version missing or not an integer");
		}
		if (version.intValue() != expected.version()) {
			throw new MalformedMessageException(Reason.UNSUPPORTED_VERSION, "version " + version.intValue() + " of "
					+ type + " is not supported (reads " + expected.version() + ")");
		}
		try {
			UUID id = UUID.fromString(text(field, "id"));
			Instant occurredAt = Instant.parse(text(field, "occurred_at"));
			String source = text(field, "source");
			UUID correlationId = UUID.fromString(text(field, "correlation_id"));
			T payload = boundPayload;
			if (payload == null) {
				JsonNode payloadNode = field.apply("payload");
				if (payloadNode == null || !payloadNode.isObject()) {
					throw new MalformedMessageException(Reason.INVALID_PAYLOAD, "payload missing or not an object");
				}
				payload = this.mapper.treeToValue(payloadNode, expected.payloadClass());
			}
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

	/** Whether type and version read so far are the expected ones. */
	private static boolean expectedSoFar(Map<String, JsonNode> fields, MessageType<?> expected) {
		JsonNode type = fields.get("type");
		JsonNode version = fields.get("version");
		return type != null && type.isString() && expected.name().equals(type.asString()) && version != null
				&& version.isIntegralNumber() && version.intValue() == expected.version();
	}

	private <T> T bindPayload(JsonParser parser, MessageType<T> expected) {
		return this.payloadReaders.computeIfAbsent(expected.payloadClass(), (type) -> this.streamReader.forType(type))
			.readValue(parser);
	}

	private static String text(Function<String, JsonNode> fields, String field) {
		JsonNode node = fields.apply(field);
		if (node == null || !node.isString()) {
			throw new MalformedMessageException(Reason.INVALID_PAYLOAD,
					"field '" + field + "' missing or not a string");
		}
		return node.asString();
	}

}
