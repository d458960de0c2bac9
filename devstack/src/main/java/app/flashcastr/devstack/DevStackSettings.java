package app.flashcastr.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import app.flashcastr.devstack.service.Replicas;

/**
 * What the devstack reads from its environment.
 *
 * @param root repository root: jars are found and {@code .devstack/} is written under it
 * @param version project version in the jar names
 * @param java the {@code java} launcher for the child JVMs (the devstack's own)
 * @param environment the whole environment ({@code DATABASE_URL},
 * {@code RABBITMQ_URL}...)
 * @param exitAfterReady {@code DEVSTACK_EXIT_AFTER_READY}: start, report, stop, exit 0
 * @param services {@code DEVSTACK_SERVICES}: comma-separated subset to run, blank for all
 * @param embeddedOnly {@code DEVSTACK_EMBEDDED}: embedded PostgreSQL and broker even if
 * local ones answer
 * @param readyTimeout {@code DEVSTACK_READY_TIMEOUT_SECONDS}: per service, default 60
 * @param clean {@code DEVSTACK_CLEAN}: empty the devstack's database first, instead of
 * continuing the feed after the flashes it keeps
 * @see #replicas()
 * @see #rabbitmqCluster()
 */
record DevStackSettings(Path root, String version, Path java, Map<String, String> environment, boolean exitAfterReady,
		String services, boolean embeddedOnly, Duration readyTimeout, boolean clean) {

	static final String EXIT_AFTER_READY = "DEVSTACK_EXIT_AFTER_READY";

	static final String SERVICES = "DEVSTACK_SERVICES";

	static final String EMBEDDED = "DEVSTACK_EMBEDDED";

	static final String READY_TIMEOUT = "DEVSTACK_READY_TIMEOUT_SECONDS";

	static final String CLEAN = "DEVSTACK_CLEAN";

	static final String REPLICAS = "DEVSTACK_REPLICAS";

	static final String RABBITMQ = "DEVSTACK_RABBITMQ";

	/** Set by the Maven profile to the reactor root. */
	static final String ROOT_PROPERTY = "devstack.root";

	static DevStackSettings from(Map<String, String> environment, Properties systemProperties) {
		String root = systemProperties.getProperty(ROOT_PROPERTY);
		Path java = Path.of(systemProperties.getProperty("java.home"), "bin", "java");
		return new DevStackSettings(
				(root != null) ? Path.of(root).toAbsolutePath().normalize() : findRoot(Path.of("").toAbsolutePath()),
				bundledVersion(), java, Map.copyOf(environment), flag(environment, EXIT_AFTER_READY),
				environment.getOrDefault(SERVICES, ""), flag(environment, EMBEDDED),
				Duration.ofSeconds(Long.parseLong(environment.getOrDefault(READY_TIMEOUT, "60").trim())),
				flag(environment, CLEAN));
	}

	/**
	 * {@code DEVSTACK_REPLICAS}: JVMs per service, e.g. {@code producer:2,consumer:3}.
	 * @return the replicas, one of each when unset
	 * @throws IllegalArgumentException when the value cannot be read
	 */
	Replicas replicas() {
		return Replicas.parse(this.environment.get(REPLICAS));
	}

	/**
	 * {@code DEVSTACK_RABBITMQ=cluster}: the services use the local three-node cluster of
	 * {@code rabbitmq/cluster.sh} instead of the single node.
	 * @return whether the cluster was asked for
	 */
	boolean rabbitmqCluster() {
		return "cluster".equalsIgnoreCase(this.environment.getOrDefault(RABBITMQ, "").trim());
	}

	Path stateDirectory() {
		return this.root.resolve(".devstack");
	}

	/**
	 * The nearest directory holding {@code devstack/pom.xml}, so it also runs from a
	 * module folder.
	 */
	static Path findRoot(Path start) {
		for (Path candidate = start; candidate != null; candidate = candidate.getParent()) {
			if (Files.isRegularFile(candidate.resolve("devstack").resolve("pom.xml"))) {
				return candidate;
			}
		}
		return start;
	}

	private static boolean flag(Map<String, String> environment, String name) {
		return Boolean.parseBoolean(environment.getOrDefault(name, "false").trim());
	}

	/**
	 * The version Maven wrote into {@code devstack.properties} when building this module.
	 */
	private static String bundledVersion() {
		try (InputStream in = DevStackSettings.class.getResourceAsStream("devstack.properties")) {
			Properties properties = new Properties();
			if (in != null) {
				properties.load(in);
			}
			return properties.getProperty("version", "0.1.0-SNAPSHOT");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
