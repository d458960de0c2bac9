package app.flashcastr.contracts.messaging;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A flash from the Space Invaders feed, as the producer stored it. Field names follow the
 * feed's wire format.
 *
 * @param flashId upstream flash id
 * @param img image path relative to the feed host
 * @param city city name
 * @param text free text from the feed
 * @param player Flash Invaders player name
 * @param timestamp when the flash was taken (epoch seconds on the wire)
 * @param flashCount the feed's per-flash {@code flash_count} string
 * @param firstSeenAt when the producer first stored it (start of the freshness SLO)
 */
public record FlashReceived(@JsonProperty("flash_id") long flashId, @JsonProperty("img") String img,
		@JsonProperty("city") String city, @JsonProperty("text") String text, @JsonProperty("player") String player,
		@JsonProperty("timestamp") long timestamp, @JsonProperty("flash_count") String flashCount,
		@JsonProperty("first_seen_at") Instant firstSeenAt) {

	/** The flash's own time as an instant. */
	public Instant takenAt() {
		return Instant.ofEpochSecond(this.timestamp);
	}

}
