package app.flashcastr.api.neynar;

/**
 * A Farcaster user as Neynar returns it.
 *
 * @param fid the Farcaster id
 * @param username the Farcaster username
 * @param pfpUrl the profile picture URL, may be null
 */
public record NeynarUser(int fid, String username, String pfpUrl) {

}
