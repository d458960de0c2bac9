package app.flashcastr.api.signup;

/**
 * GraphQL {@code User} as a completed signup returns it.
 *
 * @param fid the Farcaster id
 * @param username the Flash Invaders player name
 * @param auto_cast whether the player's flashes are cast automatically
 */
public record SignedUpUser(int fid, String username, Boolean auto_cast) {

}
