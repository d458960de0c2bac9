package app.flashcastr.producer.sync;

import java.time.Instant;

/**
 * A feed row that passed validation.
 *
 * @param flashId upstream id
 * @param img relative image path
 * @param city city name
 * @param text free text (may be empty)
 * @param player player name
 * @param takenAt when the flash was taken
 * @param flashCount per-flash {@code flash_count} string (may be empty)
 * @param paris whether it came from {@code with_paris}
 */
record FeedFlash(long flashId, String img, String city, String text, String player, Instant takenAt, String flashCount,
		boolean paris) {
}
