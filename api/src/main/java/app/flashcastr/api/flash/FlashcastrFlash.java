package app.flashcastr.api.flash;

/**
 * GraphQL {@code FlashcastrFlash}: a flash linked to a user, with the cast that announced
 * it. The flash itself is read by the same query when it can be ({@code flash}), so the
 * batched {@code flash} field usually costs no statement.
 *
 * @param id the link's id
 * @param flash_id the flash id, a bigint as a string
 * @param user_fid Farcaster id of the owner
 * @param user_username Farcaster username at link time
 * @param user_pfp_url profile picture at link time
 * @param cast_hash the cast, null if not cast
 * @param flash the linked flash when already loaded, else null
 */
public record FlashcastrFlash(int id, String flash_id, int user_fid, String user_username, String user_pfp_url,
		String cast_hash, Flash flash) {

}
