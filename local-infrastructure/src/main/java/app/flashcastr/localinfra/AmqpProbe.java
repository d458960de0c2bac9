package app.flashcastr.localinfra;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Whether an AMQP broker takes a login, before anything relies on it.
 */
public final class AmqpProbe {

	private static final int TIMEOUT_MILLIS = 3000;

	private AmqpProbe() {
	}

	/**
	 * Opens and closes one connection.
	 * @param host broker host
	 * @param port AMQP port
	 * @param username user name
	 * @param password password
	 * @param vhost vhost to open
	 * @param connectionName how the broker lists the connection
	 * @return why the connection fails, or {@code null} when it works
	 */
	public static String loginProblem(String host, int port, String username, String password, String vhost,
			String connectionName) {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(host);
		factory.setPort(port);
		factory.setUsername(username);
		factory.setPassword(password);
		factory.setVirtualHost(vhost);
		factory.setConnectionTimeout(TIMEOUT_MILLIS);
		factory.setHandshakeTimeout(TIMEOUT_MILLIS);
		factory.setAutomaticRecoveryEnabled(false);
		try (Connection connection = factory.newConnection(connectionName)) {
			return connection.isOpen() ? null : "connection closed at once";
		}
		catch (IOException | TimeoutException ex) {
			return ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
		}
	}

	/**
	 * As {@link #loginProblem(String, int, String, String, String, String)} for a
	 * broker's endpoint and its default vhost.
	 * @param broker the broker
	 * @param connectionName how the broker lists the connection
	 * @return why the connection fails, or {@code null} when it works
	 */
	public static String loginProblem(RabbitEndpoint broker, String connectionName) {
		return loginProblem(broker.host(), broker.port(), broker.username(), broker.password(), broker.defaultVhost(),
				connectionName);
	}

}
