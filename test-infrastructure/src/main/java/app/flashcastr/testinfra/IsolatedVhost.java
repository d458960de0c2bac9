package app.flashcastr.testinfra;

import java.util.Map;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A fresh RabbitMQ vhost, with full permissions for {@code username}, created for one
 * test context and deleted when that context closes (or at JVM exit at the latest).
 *
 * @param name vhost name ({@code flashcastr_test_...}, or the broker's default vhost when
 * neither the management API nor {@code rabbitmqctl} could make one; see
 * {@link TestInfrastructure#requireIsolatedVhosts()})
 * @param host broker host
 * @param port AMQP port
 * @param username user name
 * @param password password
 * @param managementPort port of the management HTTP API
 */
public record IsolatedVhost(String name, String host, int port, String username, String password, int managementPort) {

	/**
	 * Spring Boot's RabbitMQ properties for this vhost.
	 * @param amqpPort the port to connect to (the broker's, or a proxy's in front of it)
	 */
	public Map<String, Object> springProperties(int amqpPort) {
		return Map.of("spring.rabbitmq.host", this.host, "spring.rabbitmq.port", amqpPort, "spring.rabbitmq.username",
				this.username, "spring.rabbitmq.password", this.password, "spring.rabbitmq.virtual-host", this.name);
	}

	/**
	 * The vhost as an AMQP URL.
	 * @return {@code amqp://user:pass@host:port/<url-encoded vhost>}
	 */
	public String amqpUrl() {
		return "amqp://" + encode(this.username) + ":" + encode(this.password) + "@" + this.host + ":" + this.port + "/"
				+ encode(this.name);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	@Override
	public String toString() {
		// Never print the password.
		return "IsolatedVhost[" + this.name + " on " + this.username + "@" + this.host + ":" + this.port + "]";
	}

}
