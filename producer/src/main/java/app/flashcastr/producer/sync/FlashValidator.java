package app.flashcastr.producer.sync;

import java.time.Duration;
import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * Checks one feed row against upstream's rules (upstream.md §3.2), trimming strings. A
 * row either becomes a {@link FeedFlash} or is rejected with one reason; nothing here
 * throws.
 */
final class FlashValidator {

	private static final Duration MAX_AGE = Duration.ofDays(2 * 365);

	private static final Duration MAX_FUTURE = Duration.ofDays(365);

	private FlashValidator() {
	}

	/** The outcome for one row. */
	sealed interface Result permits Valid, Invalid {

	}

	/** A usable flash. */
	record Valid(FeedFlash flash) implements Result {
	}

	/** A rejected row: why, and its id when one could be read (for the log line). */
	record Invalid(InvalidRowReason reason, String flashId) implements Result {
	}

	static Result validate(JsonNode row, boolean paris, Instant now) {
		if (row == null || !row.isObject()) {
			return new Invalid(InvalidRowReason.NOT_AN_OBJECT, null);
		}
		JsonNode idNode = row.get("flash_id");
		String rawId = (idNode != null && idNode.isValueNode()) ? abbreviate(idNode.asString()) : null;
		Long flashId = positiveLong(idNode);
		if (flashId == null) {
			return new Invalid(InvalidRowReason.INVALID_FLASH_ID, rawId);
		}
		String id = Long.toString(flashId);
		Long epochSeconds = positiveLong(row.get("timestamp"));
		if (epochSeconds == null) {
			return new Invalid(InvalidRowReason.INVALID_TIMESTAMP, id);
		}
		Instant takenAt = Instant.ofEpochSecond(epochSeconds);
		if (takenAt.isBefore(now.minus(MAX_AGE)) || takenAt.isAfter(now.plus(MAX_FUTURE))) {
			return new Invalid(InvalidRowReason.INVALID_TIMESTAMP, id);
		}
		String city = text(row, "city");
		if (city == null || city.isEmpty() || city.length() > 100) {
			return new Invalid(InvalidRowReason.INVALID_CITY, id);
		}
		String player = text(row, "player");
		if (player == null || player.isEmpty() || player.length() > 100) {
			return new Invalid(InvalidRowReason.INVALID_PLAYER, id);
		}
		String img = text(row, "img");
		if (img == null || img.isEmpty() || img.length() > 500) {
			return new Invalid(InvalidRowReason.INVALID_IMG, id);
		}
		String text = orEmpty(text(row, "text"));
		if (text.length() > 1000) {
			return new Invalid(InvalidRowReason.INVALID_TEXT, id);
		}
		String flashCount = orEmpty(text(row, "flash_count"));
		if (flashCount.length() > 50) {
			return new Invalid(InvalidRowReason.INVALID_FLASH_COUNT, id);
		}
		return new Valid(new FeedFlash(flashId, img, city, text, player, takenAt, flashCount, paris));
	}

	/**
	 * A positive whole number, given as a JSON number or a numeric string (upstream
	 * coerces both).
	 */
	private static Long positiveLong(JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		long value;
		if (node.isIntegralNumber() && node.canConvertToLong()) {
			value = node.longValue();
		}
		else if (node.isString()) {
			try {
				value = Long.parseLong(node.asString().trim());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		else {
			return null;
		}
		return (value > 0) ? value : null;
	}

	/** Trimmed text of a string or number field; null when absent or of another type. */
	private static String text(JsonNode row, String field) {
		JsonNode node = row.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isString() || node.isNumber()) {
			return node.asString().trim();
		}
		return null;
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

	private static String abbreviate(String value) {
		return (value.length() > 40) ? value.substring(0, 40) + "…" : value;
	}

}
