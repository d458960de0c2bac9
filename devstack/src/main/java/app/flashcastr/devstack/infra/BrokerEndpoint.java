package app.flashcastr.devstack.infra;

import app.flashcastr.localinfra.ConnectionUrls;
import app.flashcastr.localinfra.InfrastructureOrigin;

/**
 * The AMQP 0-9-1 broker the services use.
 *
 * @param url {@code RABBITMQ_URL} for the services ({@code amqp://user:pass@host:port})
 * @param host host
 * @param port AMQP port
 * @param origin where it comes from
 * @param managementUrl RabbitMQ management UI, or {@code null} when there is none to show
 */
public record BrokerEndpoint(String url, String host, int port, InfrastructureOrigin origin, String managementUrl) {

	/**
	 * True when the broker is the embedded Qpid one, which has no quorum queues: the
	 * services must then declare classic queues.
	 */
	public boolean classicQueuesOnly() {
		return this.origin == InfrastructureOrigin.EMBEDDED;
	}

	/** The URL to print: a password the user configured is masked. */
	public String displayUrl() {
		return (this.origin == InfrastructureOrigin.ENVIRONMENT) ? ConnectionUrls.withoutPassword(this.url) : this.url;
	}

}
