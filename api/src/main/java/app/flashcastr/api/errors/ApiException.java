package app.flashcastr.api.errors;

/**
 * A failure whose message is safe to show to the client, with its classification.
 */
public class ApiException extends RuntimeException {

	private final ApiErrorType type;

	/**
	 * @param type how the client should read the failure
	 * @param message shown to the client as is: no secrets, SQL or internals
	 */
	public ApiException(ApiErrorType type, String message) {
		super(message);
		this.type = type;
	}

	/**
	 * The classification of this failure.
	 * @return the error type
	 */
	public ApiErrorType type() {
		return this.type;
	}

}
