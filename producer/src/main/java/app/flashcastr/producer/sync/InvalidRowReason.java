package app.flashcastr.producer.sync;

import java.util.Locale;

/**
 * Why a feed row was rejected; the {@code reason} label of
 * {@code invaders_bot_flashes_invalid_total}.
 */
enum InvalidRowReason {

	/** Not a JSON object. */
	NOT_AN_OBJECT,
	/** flash_id missing, not an integer, or not positive. */
	INVALID_FLASH_ID,
	/** timestamp missing, not a number, or outside [now − 2 years, now + 1 year]. */
	INVALID_TIMESTAMP,
	/** city missing, empty, or longer than 100 characters. */
	INVALID_CITY,
	/** player missing, empty, or longer than 100 characters. */
	INVALID_PLAYER,
	/** img missing, empty, or longer than 500 characters. */
	INVALID_IMG,
	/** text longer than 1000 characters. */
	INVALID_TEXT,
	/** flash_count longer than 50 characters. */
	INVALID_FLASH_COUNT,
	/** The database refused the row on its own (the rest of the batch was stored). */
	DATABASE_REJECTED;

	String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
