package app.flashcastr.api.user;

/**
 * GraphQL {@code DeleteUserResponse}.
 *
 * @param success whether the user was deleted
 * @param message what happened
 */
record DeleteUserResponse(boolean success, String message) {

}
