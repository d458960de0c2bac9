package app.flashcastr.devstack.service;

import java.util.LinkedHashMap;
import java.util.Map;

import app.flashcastr.devstack.infra.BrokerEndpoint;
import app.flashcastr.localinfra.PostgresEndpoint;

/**
 * The variables that tell a Flashcastr service where its infrastructure is. The only
 * topology difference between RabbitMQ and the embedded broker is decided here.
 */
public final class InfrastructureEnvironment {

	/**
	 * Queue type the services declare ({@code quorum} unless told otherwise). The
	 * embedded Qpid broker has no quorum queues, so the devstack sets {@code classic} for
	 * it.
	 */
	public static final String QUEUE_TYPE = "FLASHCASTR_AMQP_QUEUE_TYPE";

	private InfrastructureEnvironment() {
	}

	/**
	 * The variables for these endpoints.
	 * @param postgres the database
	 * @param broker the broker
	 * @return {@code DATABASE_URL}, {@code RABBITMQ_URL}, and {@value #QUEUE_TYPE} when
	 * the broker is embedded
	 */
	public static Map<String, String> of(PostgresEndpoint postgres, BrokerEndpoint broker) {
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("DATABASE_URL", postgres.url());
		variables.put("RABBITMQ_URL", broker.url());
		if (broker.classicQueuesOnly()) {
			variables.put(QUEUE_TYPE, "classic");
		}
		return variables;
	}

}
