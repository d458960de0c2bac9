package app.flashcastr.testinfra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.flashcastr.localinfra.AmqpProbe;
import app.flashcastr.localinfra.InfrastructureOrigin;
import app.flashcastr.localinfra.Ports;
import app.flashcastr.localinfra.RabbitEndpoint;

/**
 * Finds the RabbitMQ broker for tests: {@code TEST_RABBITMQ_URL}, then 127.0.0.1:5672
 * (guest/guest), then Testcontainers.
 */
final class RabbitResolver {

	private static final Logger logger = LoggerFactory.getLogger(RabbitResolver.class);

	static final String LOCAL_HOST = Ports.LOOPBACK;

	static final int LOCAL_PORT = 5672;

	static final int LOCAL_MANAGEMENT_PORT = 15672;

	private RabbitResolver() {
	}

	static Resolution<RabbitEndpoint> resolve(Map<String, String> environment) {
		return resolve(environment, LOCAL_HOST, LOCAL_PORT);
	}

	/**
	 * As {@link #resolve(Map)}, with the local service looked for elsewhere (for tests).
	 */
	static Resolution<RabbitEndpoint> resolve(Map<String, String> environment, String localHost, int localPort) {
		return resolve(environment, localHost, localPort, LOCAL_MANAGEMENT_PORT);
	}

	/**
	 * As {@link #resolve(Map)}, with the local service and its management API looked for
	 * elsewhere (for tests).
	 */
	static Resolution<RabbitEndpoint> resolve(Map<String, String> environment, String localHost, int localPort,
			int localManagementPort) {
		String url = environment.get(EnvironmentUrls.RABBITMQ_URL);
		if (url != null && !url.isBlank()) {
			RabbitEndpoint configured;
			try {
				configured = EnvironmentUrls.rabbit(url, environment.get(EnvironmentUrls.RABBITMQ_MANAGEMENT_PORT));
			}
			catch (InfrastructureUnavailableException ex) {
				return Resolution.failed(ex.getMessage());
			}
			String problem = problem(configured);
			return (problem != null)
					? Resolution
						.failed(EnvironmentUrls.RABBITMQ_URL + " is set, but " + configured + " fails: " + problem)
					: chosen(configured);
		}
		List<String> tried = new ArrayList<>();
		tried.add(EnvironmentUrls.RABBITMQ_URL + ": not set");
		RabbitEndpoint local = new RabbitEndpoint(localHost, localPort, "guest", "guest", "/", localManagementPort,
				InfrastructureOrigin.LOCAL);
		if (!Ports.answers(localHost, localPort)) {
			tried.add(localHost + ":" + localPort + ": nothing listening");
		}
		else {
			String problem = problem(local);
			if (problem == null) {
				return chosen(local);
			}
			tried.add(localHost + ":" + localPort + " as guest/guest: " + problem);
		}
		String noDocker = Containers.dockerUnavailableReason();
		if (noDocker != null) {
			tried.add("Testcontainers: " + noDocker);
		}
		else {
			try {
				return chosen(Containers.rabbit());
			}
			catch (RuntimeException | ExceptionInInitializerError ex) {
				tried.add("Testcontainers (" + Containers.RABBITMQ_IMAGE + "): " + ex);
			}
		}
		return Resolution.failed("No RabbitMQ for tests. Tried, in order:\n  - " + String.join("\n  - ", tried)
				+ "\nFix one: start RabbitMQ on 127.0.0.1:5672 (guest/guest), set " + EnvironmentUrls.RABBITMQ_URL
				+ "=amqp://user:pass@host:port, or run a Docker engine.");
	}

	/** Returns why an AMQP connection fails, or {@code null} when it works. */
	static String problem(RabbitEndpoint broker) {
		return AmqpProbe.loginProblem(broker, "flashcastr-test-infrastructure-probe");
	}

	private static Resolution<RabbitEndpoint> chosen(RabbitEndpoint broker) {
		logger.info("Tests use RabbitMQ {}", broker);
		VhostAdmin.deleteAbandoned(broker);
		return Resolution.found(broker);
	}

}
