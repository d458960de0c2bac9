package app.flashcastr.contracts.messaging;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A flash whose image is pinned to IPFS and whose CID is committed in {@code flashes}.
 *
 * @param flashId upstream flash id
 * @param player Flash Invaders player name (casting matches it to registered users)
 * @param city city name (cast text)
 * @param ipfsCid the CID now stored for the flash
 * @param firstSeenAt when the producer first stored the flash
 * @param pinnedAt when the CID was committed
 */
public record FlashPinned(@JsonProperty("flash_id") long flashId, @JsonProperty("player") String player,
		@JsonProperty("city") String city, @JsonProperty("ipfs_cid") String ipfsCid,
		@JsonProperty("first_seen_at") Instant firstSeenAt, @JsonProperty("pinned_at") Instant pinnedAt) {
}
