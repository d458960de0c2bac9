package app.flashcastr.api.unified;

/**
 * GraphQL {@code FarcasterUser}: who linked a flash, from the link.
 *
 * @param fid Farcaster id
 * @param username Farcaster username at link time
 * @param pfp_url profile picture at link time
 * @param cast_hash the cast, null if not cast
 */
record FarcasterUser(int fid, String username, String pfp_url, String cast_hash) {

}
