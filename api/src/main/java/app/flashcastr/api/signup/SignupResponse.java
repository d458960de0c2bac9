package app.flashcastr.api.signup;

/**
 * GraphQL {@code SignupResponse} of the deprecated {@code signup} mutation.
 *
 * @param success always true
 * @param message what happened
 */
public record SignupResponse(boolean success, String message) {

}
