package app.flashcastr.simulators.http;

import java.io.IOException;
import java.io.InputStream;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parsing of the simulators' admin requests: small JSON object bodies whose bad fields
 * become {@link IllegalArgumentException}s, answered 400 by the {@link AdminHandler}.
 */
public final class AdminRequests {

	/** Largest admin body accepted. */
	public static final int MAX_BODY = 64 * 1024;

	private AdminRequests() {
	}

	/**
	 * Reads the body as a JSON object; an empty body is an empty object.
	 * @param exchange the request
	 * @param mapper the JSON mapper
	 * @return the object
	 * @throws IOException when the body cannot be read
	 */
	public static JsonNode readObject(HttpExchange exchange, JsonMapper mapper) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readNBytes(MAX_BODY + 1);
		}
		if (body.length > MAX_BODY) {
			throw new IllegalArgumentException("Body larger than " + MAX_BODY + " bytes");
		}
		JsonNode node = (body.length == 0) ? mapper.createObjectNode() : mapper.readTree(body);
		if (!node.isObject()) {
			throw new IllegalArgumentException("Body must be a JSON object");
		}
		return node;
	}

	/**
	 * An integer field.
	 * @param body the request body
	 * @param field the field name
	 * @return its value
	 */
	public static int requiredInt(JsonNode body, String field) {
		JsonNode node = body.path(field);
		if (!node.isIntegralNumber() || !node.canConvertToInt()) {
			throw new IllegalArgumentException("'" + field + "' must be an integer");
		}
		return node.intValue();
	}

	/**
	 * An optional integer field.
	 * @param body the request body
	 * @param field the field name
	 * @param fallback the value when absent
	 * @return its value
	 */
	public static int optionalInt(JsonNode body, String field, int fallback) {
		return body.has(field) ? requiredInt(body, field) : fallback;
	}

	/**
	 * A non-blank string field.
	 * @param body the request body
	 * @param field the field name
	 * @return its value
	 */
	public static String requiredString(JsonNode body, String field) {
		JsonNode node = body.path(field);
		if (!node.isString() || node.stringValue().isBlank()) {
			throw new IllegalArgumentException("'" + field + "' must be a non-blank string");
		}
		return node.stringValue();
	}

	/**
	 * A boolean field.
	 * @param body the request body
	 * @param field the field name
	 * @return its value
	 */
	public static boolean requiredBoolean(JsonNode body, String field) {
		JsonNode node = body.path(field);
		if (!node.isBoolean()) {
			throw new IllegalArgumentException("'" + field + "' must be true or false");
		}
		return node.booleanValue();
	}

	/**
	 * Applies mode {@code status}: {@code status} and, for a limited fault,
	 * {@code count}.
	 * @param body the request body
	 * @param faults the switch to set
	 */
	public static void failWithStatus(JsonNode body, FaultSwitch faults) {
		int status = requiredInt(body, "status");
		if (body.has("count")) {
			faults.failWithStatus(status, requiredInt(body, "count"));
		}
		else {
			faults.failWithStatus(status);
		}
	}

}
