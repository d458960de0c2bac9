package app.flashcastr.testinfra;

import app.flashcastr.localinfra.ConnectionUrls;
import app.flashcastr.localinfra.PostgresEndpoint;
import app.flashcastr.localinfra.RabbitEndpoint;

/**
 * Reads {@code TEST_DATABASE_URL} and {@code TEST_RABBITMQ_URL} (plus the optional
 * {@code TEST_RABBITMQ_MANAGEMENT_PORT}) into endpoints, with {@link ConnectionUrls}.
 */
final class EnvironmentUrls {

	static final String DATABASE_URL = "TEST_DATABASE_URL";

	static final String RABBITMQ_URL = "TEST_RABBITMQ_URL";

	static final String RABBITMQ_MANAGEMENT_PORT = "TEST_RABBITMQ_MANAGEMENT_PORT";

	private static final int MANAGEMENT_PORT = 15672;

	private EnvironmentUrls() {
	}

	/**
	 * Parses {@code jdbc:postgresql://host[:port]/db?user=..&password=..} or
	 * {@code postgresql://user[:pass]@host[:port]/db}; the database named (else
	 * {@code postgres}) becomes the admin database.
	 */
	static PostgresEndpoint postgres(String url) {
		try {
			return ConnectionUrls.postgres(url, DATABASE_URL, "postgres");
		}
		catch (IllegalArgumentException ex) {
			throw new InfrastructureUnavailableException(ex.getMessage());
		}
	}

	/** Parses {@code amqp://user:pass@host[:port][/vhost]}. */
	static RabbitEndpoint rabbit(String url, String managementPort) {
		int management;
		try {
			management = (managementPort != null && !managementPort.isBlank()) ? Integer.parseInt(managementPort.trim())
					: MANAGEMENT_PORT;
		}
		catch (NumberFormatException ex) {
			throw new InfrastructureUnavailableException(RABBITMQ_MANAGEMENT_PORT + " must be a port number", ex);
		}
		try {
			return ConnectionUrls.rabbit(url, RABBITMQ_URL, management);
		}
		catch (IllegalArgumentException ex) {
			throw new InfrastructureUnavailableException(ex.getMessage());
		}
	}

}
