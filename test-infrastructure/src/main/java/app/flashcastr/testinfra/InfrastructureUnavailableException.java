package app.flashcastr.testinfra;

/**
 * Thrown when no PostgreSQL or RabbitMQ server could be found for tests; the message says
 * what was tried and how to fix it.
 */
public class InfrastructureUnavailableException extends IllegalStateException {

	public InfrastructureUnavailableException(String message) {
		super(message);
	}

	public InfrastructureUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
