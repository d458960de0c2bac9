package app.flashcastr.localinfra;

/**
 * A RabbitMQ broker with an account allowed to create vhosts.
 *
 * @param host host name or address
 * @param port AMQP port
 * @param username user name
 * @param password password
 * @param defaultVhost vhost used when isolated vhosts cannot be created
 * @param managementPort port of the management HTTP API
 * @param origin where this broker comes from
 */
public record RabbitEndpoint(String host, int port, String username, String password, String defaultVhost,
		int managementPort, InfrastructureOrigin origin) {

	/**
	 * Base URL of the management HTTP API.
	 * @return {@code http://host:managementPort}
	 */
	public String managementUrl() {
		return "http://" + this.host + ":" + this.managementPort;
	}

	@Override
	public String toString() {
		// Never print the password.
		return "RabbitEndpoint[" + this.username + "@" + this.host + ":" + this.port + ", management "
				+ this.managementPort + ", " + this.origin + "]";
	}

}
