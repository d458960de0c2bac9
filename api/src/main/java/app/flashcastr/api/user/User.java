package app.flashcastr.api.user;

/**
 * GraphQL {@code User}: a registered Flashcastr user.
 *
 * @param fid Farcaster id
 * @param username Flash Invaders player name
 * @param auto_cast whether new flashes are cast automatically
 */
public record User(int fid, String username, Boolean auto_cast) {

}
