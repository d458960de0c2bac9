package app.flashcastr.devstack.infra;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.flashcastr.localinfra.AmqpProbe;
import app.flashcastr.localinfra.ConnectionUrls;
import app.flashcastr.localinfra.InfrastructureOrigin;
import app.flashcastr.localinfra.Ports;

/**
 * Finds the devstack's AMQP broker: {@code RABBITMQ_URL}, then RabbitMQ on 127.0.0.1:5672
 * ({@code guest/guest}), then an embedded Apache Qpid Broker-J on a free port.
 */
public final class BrokerProvider {

	/** The variable the services read, and that a user may set to bring their own. */
	public static final String RABBITMQ_URL = "RABBITMQ_URL";

	static final int LOCAL_PORT = 5672;

	static final int LOCAL_MANAGEMENT_PORT = 15672;

	/** AMQP ports of the three nodes {@code rabbitmq/cluster.sh start} runs. */
	public static final List<Integer> CLUSTER_PORTS = List.of(5701, 5702, 5703);

	/** The first node's management UI. */
	static final int CLUSTER_MANAGEMENT_PORT = 15701;

	static final String CLUSTER_SCRIPT = "rabbitmq/cluster.sh start";

	private static final Logger logger = LoggerFactory.getLogger(BrokerProvider.class);

	private BrokerProvider() {
	}

	/**
	 * The local three-node cluster: every node must answer and take guest/guest. The
	 * services get every node, as a comma-separated list of amqp URLs in
	 * {@code RABBITMQ_URL}, so they reconnect to another node when one goes.
	 * @return the cluster, which the devstack neither starts nor stops
	 * @throws IllegalStateException naming the node that does not answer and the command
	 * that starts the cluster
	 */
	public static Provided<BrokerEndpoint> cluster() {
		for (int port : CLUSTER_PORTS) {
			String problem = Ports.answers(Ports.LOOPBACK, port) ? loginProblem(Ports.LOOPBACK, port)
					: "nothing listens";
			if (problem != null) {
				throw new IllegalStateException("DEVSTACK_RABBITMQ=cluster: the node on " + Ports.LOOPBACK + ":" + port
						+ " is not usable (" + problem + "); start the cluster first: " + CLUSTER_SCRIPT);
			}
		}
		String urls = CLUSTER_PORTS.stream()
			.map((port) -> "amqp://guest:guest@" + Ports.LOOPBACK + ":" + port)
			.collect(Collectors.joining(","));
		String management = Ports.answers(Ports.LOOPBACK, CLUSTER_MANAGEMENT_PORT)
				? "http://" + Ports.LOOPBACK + ":" + CLUSTER_MANAGEMENT_PORT : null;
		return Provided.external(new BrokerEndpoint(urls, Ports.LOOPBACK, CLUSTER_PORTS.getFirst(),
				InfrastructureOrigin.CLUSTER, management));
	}

	/**
	 * Provides an AMQP 0-9-1 broker for the services.
	 * @param environment the devstack's environment ({@code RABBITMQ_URL})
	 * @param stateDirectory where the embedded broker writes its configuration
	 * @param embeddedOnly skip the local broker even if one answers
	 * @return the broker, with how to stop it
	 * @throws Exception if the embedded broker cannot start
	 */
	public static Provided<BrokerEndpoint> provide(Map<String, String> environment, Path stateDirectory,
			boolean embeddedOnly) throws Exception {
		String url = environment.get(RABBITMQ_URL);
		if (url != null && !url.isBlank()) {
			URI uri = ConnectionUrls.parse(url, RABBITMQ_URL);
			return Provided.external(new BrokerEndpoint(url.trim(), uri.getHost(), ConnectionUrls.port(uri, LOCAL_PORT),
					InfrastructureOrigin.ENVIRONMENT, null));
		}
		if (!embeddedOnly && Ports.answers(Ports.LOOPBACK, LOCAL_PORT)) {
			String problem = loginProblem(Ports.LOOPBACK, LOCAL_PORT);
			if (problem == null) {
				String management = Ports.answers(Ports.LOOPBACK, LOCAL_MANAGEMENT_PORT)
						? "http://" + Ports.LOOPBACK + ":" + LOCAL_MANAGEMENT_PORT : null;
				return Provided.external(endpoint(LOCAL_PORT, InfrastructureOrigin.LOCAL, management));
			}
			logger.warn("127.0.0.1:{} answers but refuses guest/guest ({}); starting an embedded broker instead",
					LOCAL_PORT, problem);
		}
		EmbeddedBroker broker = EmbeddedBroker.start(stateDirectory.resolve("qpid"), Ports.freePort());
		return new Provided<>(endpoint(broker.port(), InfrastructureOrigin.EMBEDDED, null), broker);
	}

	private static BrokerEndpoint endpoint(int port, InfrastructureOrigin origin, String managementUrl) {
		return new BrokerEndpoint("amqp://guest:guest@" + Ports.LOOPBACK + ":" + port, Ports.LOOPBACK, port, origin,
				managementUrl);
	}

	/** Returns why guest/guest cannot connect, or {@code null} when it can. */
	static String loginProblem(String host, int port) {
		return AmqpProbe.loginProblem(host, port, "guest", "guest", "/", "devstack-probe");
	}

}
