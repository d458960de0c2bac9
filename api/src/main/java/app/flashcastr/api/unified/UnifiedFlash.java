package app.flashcastr.api.unified;

/**
 * GraphQL {@code UnifiedFlash}: a flash; {@code farcaster_user} and
 * {@code identification} are batched fields.
 *
 * @param flash_id the flash id, a bigint as a string
 * @param city city name
 * @param player player name
 * @param img relative image path
 * @param ipfs_cid IPFS CID once pinned
 * @param text free text of the feed
 * @param timestamp Unix epoch seconds as a string
 * @param flash_count the feed's per-flash count
 */
record UnifiedFlash(String flash_id, String city, String player, String img, String ipfs_cid, String text,
		String timestamp, String flash_count) {

}
