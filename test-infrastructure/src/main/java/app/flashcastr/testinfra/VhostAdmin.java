package app.flashcastr.testinfra;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.flashcastr.localinfra.InfrastructureOrigin;
import app.flashcastr.localinfra.RabbitEndpoint;

/**
 * Creates and deletes test vhosts, the way the broker allows, chosen once per broker: its
 * management HTTP API; else {@code rabbitmqctl} on its node (the local one, or inside the
 * Testcontainers broker), so a fresh machine without the management plugin still isolates
 * tests; else, loudly, the broker's default vhost shared by all tests.
 */
final class VhostAdmin {

	private static final Logger logger = LoggerFactory.getLogger(VhostAdmin.class);

	private static final Duration ABANDONED_AFTER = Duration.ofHours(6);

	private static final Map<RabbitEndpoint, Way> ways = new ConcurrentHashMap<>();

	private VhostAdmin() {
	}

	static IsolatedVhost create(RabbitEndpoint broker) {
		Way way = way(broker);
		if (way.control() == null) {
			logger.warn("Tests share vhost '{}': {}", broker.defaultVhost(), way.noIsolation());
			return vhost(broker, broker.defaultVhost());
		}
		String name = TestNames.next(Instant.now());
		way.control().add(name, broker.username());
		Leftovers.register(key(name), () -> way.control().delete(name));
		logger.debug("Created test vhost {} with {}", name, way.control().describe());
		return vhost(broker, name);
	}

	static void release(IsolatedVhost vhost) {
		Leftovers.remove(key(vhost.name()));
	}

	static boolean isPending(IsolatedVhost vhost) {
		return Leftovers.isPending(key(vhost.name()));
	}

	/**
	 * Why this broker's tests would share one vhost, as one line naming what to run, or
	 * {@code null} when each test gets its own.
	 */
	static String noIsolation(RabbitEndpoint broker) {
		return way(broker).noIsolation();
	}

	/** How vhosts are made on this broker, for logs and tests. */
	static String describe(RabbitEndpoint broker) {
		Way way = way(broker);
		return (way.control() != null) ? way.control().describe() : "none: " + way.noIsolation();
	}

	/** Deletes test vhosts that a killed JVM left behind (best effort, once per JVM). */
	static void deleteAbandoned(RabbitEndpoint broker) {
		VhostControl control = way(broker).control();
		if (control == null) {
			return;
		}
		try {
			Instant now = Instant.now();
			for (String name : control.names()) {
				if (TestNames.isAbandoned(name, now, ABANDONED_AFTER)) {
					control.delete(name);
					logger.info("Deleted abandoned test vhost {}", name);
				}
			}
		}
		catch (InfrastructureUnavailableException ex) {
			logger.warn("Could not sweep abandoned test vhosts: {}", ex.getMessage());
		}
	}

	private static Way way(RabbitEndpoint broker) {
		return ways.computeIfAbsent(broker, VhostAdmin::choose);
	}

	private static Way choose(RabbitEndpoint broker) {
		ManagementApiVhosts api = new ManagementApiVhosts(broker);
		String apiProblem = api.problem();
		if (apiProblem == null) {
			return chosen(api);
		}
		RabbitmqctlVhosts rabbitmqctl = switch (broker.origin()) {
			case LOCAL -> new RabbitmqctlVhosts(LocalRabbitmqctl::run, "the local node");
			case TESTCONTAINERS -> new RabbitmqctlVhosts(Containers::rabbitmqctl, "the Testcontainers broker");
			case ENVIRONMENT, CLUSTER, EMBEDDED -> null;
		};
		String cliProblem = (rabbitmqctl != null) ? rabbitmqctl.problem()
				: (broker.origin() == InfrastructureOrigin.CLUSTER) ? "not tried (the cluster's nodes have the API)"
						: "not tried (the broker comes from " + EnvironmentUrls.RABBITMQ_URL + ", not this machine)";
		if (cliProblem == null) {
			logger.info("Test vhosts are made with {} (management API not usable: {})", rabbitmqctl.describe(),
					apiProblem);
			return new Way(rabbitmqctl, null);
		}
		String noIsolation = "RabbitMQ " + broker.host() + ":" + broker.port()
				+ " gives tests no vhost of their own (management API: " + apiProblem + "; rabbitmqctl: " + cliProblem
				+ "): run `rabbitmq-plugins enable rabbitmq_management`, or the tests as a user allowed to run"
				+ " rabbitmqctl";
		logger.error("{}. Until then tests share vhost '{}' and may see each other's queues.", noIsolation,
				broker.defaultVhost());
		return new Way(null, noIsolation);
	}

	private static Way chosen(VhostControl control) {
		logger.info("Test vhosts are made with {}", control.describe());
		return new Way(control, null);
	}

	private static IsolatedVhost vhost(RabbitEndpoint broker, String name) {
		return new IsolatedVhost(name, broker.host(), broker.port(), broker.username(), broker.password(),
				broker.managementPort());
	}

	private static String key(String name) {
		return "vhost " + name;
	}

	/** The control to use, or why there is none. */
	private record Way(VhostControl control, String noIsolation) {

	}

}
