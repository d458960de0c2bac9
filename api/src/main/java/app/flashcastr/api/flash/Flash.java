package app.flashcastr.api.flash;

/**
 * GraphQL {@code Flash}: one row of {@code flashes}. Component names are the GraphQL
 * field names (snake case, as upstream), so the default property fetcher serves them.
 *
 * @param flash_id the flash id, a bigint as a string
 * @param city city name
 * @param player Flash Invaders player name
 * @param img relative image path
 * @param ipfs_cid IPFS CID once pinned
 * @param text free text of the feed
 * @param timestamp Unix epoch seconds as a string
 * @param flash_count the feed's per-flash count
 */
public record Flash(String flash_id, String city, String player, String img, String ipfs_cid, String text,
		String timestamp, String flash_count) {

}
