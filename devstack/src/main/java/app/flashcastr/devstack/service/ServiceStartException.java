package app.flashcastr.devstack.service;

/**
 * A service could not be started or did not become ready; the message says what to do.
 */
public class ServiceStartException extends Exception {

	public ServiceStartException(String message) {
		super(message);
	}

	public ServiceStartException(String message, Throwable cause) {
		super(message, cause);
	}

}
