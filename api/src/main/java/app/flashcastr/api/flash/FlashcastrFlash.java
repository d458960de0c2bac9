package app.flashcastr.api.flash;

import java.util.Objects;

/**
 * GraphQL {@code FlashcastrFlash}: a flash linked to a user, with the cast that announced
 * it. The flash itself is always read by the same query ({@code flash}), so the field is
 * a plain property: no statement and no DataLoader dispatch per page.
 *
 * @param id the link's id
 * @param flash_id the flash id, a bigint as a string
 * @param user_fid Farcaster id of the owner
 * @param user_username Farcaster username at link time
 * @param user_pfp_url profile picture at link time
 * @param cast_hash the cast, null if not cast
 * @param flash the linked flash, never null
 */
public record FlashcastrFlash(int id, String flash_id, int user_fid, String user_username, String user_pfp_url,
		String cast_hash, Flash flash) {

	public FlashcastrFlash {
		Objects.requireNonNull(flash, "flash");
	}

}
