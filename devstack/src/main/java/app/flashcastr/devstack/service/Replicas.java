package app.flashcastr.devstack.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How many JVMs of each service the devstack starts ({@code DEVSTACK_REPLICAS}, e.g.
 * {@code producer:2,consumer:3,api:2}); one of each unless told otherwise. The simulators
 * are never replicated: their ports are the fixed addresses the services call.
 *
 * @param counts replicas per service name, only those above one
 */
public record Replicas(Map<String, Integer> counts) {

	/** The services that may run several JVMs. */
	static final Set<String> REPLICABLE = Set.of("producer", "consumer", "api");

	/**
	 * More would not fit two cores, and keeps the port scheme inside its 100-wide steps.
	 */
	static final int MAX = 9;

	/** Each further replica's ports are this far from the previous one's. */
	static final int MANAGEMENT_PORT_STEP = 100;

	/** One of each. */
	public static final Replicas ONE_EACH = new Replicas(Map.of());

	public Replicas {
		counts = Map.copyOf(counts);
	}

	/**
	 * Reads {@code DEVSTACK_REPLICAS}.
	 * @param text e.g. {@code producer:2,consumer:3}; blank for one of each
	 * @return the replicas
	 * @throws IllegalArgumentException naming the part that is wrong
	 */
	public static Replicas parse(String text) {
		if (text == null || text.isBlank()) {
			return ONE_EACH;
		}
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (String part : text.split(",")) {
			String entry = part.trim();
			if (entry.isEmpty()) {
				continue;
			}
			int colon = entry.indexOf(':');
			String name = (colon < 0) ? entry : entry.substring(0, colon).trim();
			if (!REPLICABLE.contains(name)) {
				throw new IllegalArgumentException(
						"'" + entry + "': only producer, consumer and api can have replicas (e.g. consumer:3)");
			}
			int count;
			try {
				count = Integer.parseInt((colon < 0) ? "" : entry.substring(colon + 1).trim());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("'" + entry + "': write name:count, e.g. consumer:3");
			}
			if (count < 1 || count > MAX) {
				throw new IllegalArgumentException("'" + entry + "': between 1 and " + MAX + " replicas");
			}
			if (count > 1) {
				counts.put(name, count);
			}
		}
		return new Replicas(counts);
	}

	/**
	 * Replicas of one service.
	 * @param service e.g. {@code consumer}
	 * @return at least one
	 */
	public int of(String service) {
		return this.counts.getOrDefault(service, 1);
	}

	/**
	 * The name of one replica: the service's own name when it runs alone (as always
	 * before replicas), else {@code consumer-1}, {@code consumer-2}...
	 * @param service e.g. {@code consumer}
	 * @param index 1-based
	 * @return its instance name, used in the console prefix, log file, status file and as
	 * the Prometheus {@code instance} label
	 */
	public String instanceName(String service, int index) {
		return (of(service) == 1) ? service : service + "-" + index;
	}

	/**
	 * A port of one replica: the first keeps the standard port, each further one is
	 * {@value #MANAGEMENT_PORT_STEP} higher (consumer 9091, 9191, 9291).
	 * @param basePort the first replica's port
	 * @param index 1-based
	 * @return the port
	 */
	static int managementPort(int basePort, int index) {
		return basePort + MANAGEMENT_PORT_STEP * (index - 1);
	}

	/**
	 * The API's GraphQL port of one replica: 4000, 4001, 4002...
	 * @param basePort the first replica's port
	 * @param index 1-based
	 * @return the port
	 */
	static int graphqlPort(int basePort, int index) {
		return basePort + index - 1;
	}

}
