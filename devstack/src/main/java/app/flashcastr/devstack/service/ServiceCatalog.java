package app.flashcastr.devstack.service;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.flashcastr.localinfra.Ports;
import app.flashcastr.localinfra.ShippedJvm;

/**
 * What the devstack runs, in start order. Adding a service is one entry in
 * {@link #all()}.
 *
 * @param root the repository root (jars are under {@code <name>/target/})
 * @param version the project version in the jar names
 */
public record ServiceCatalog(Path root, String version) {

	static final int FEED_SIMULATOR_PORT = 8081;

	static final String FEED_URL = "http://" + Ports.LOOPBACK + ":" + FEED_SIMULATOR_PORT;

	static final int PINATA_SIMULATOR_PORT = 8082;

	static final int KUBO_SIMULATOR_PORT = 5001;

	static final String KUBO_URL = "http://" + Ports.LOOPBACK + ":" + KUBO_SIMULATOR_PORT;

	static final int NEYNAR_SIMULATOR_PORT = 8083;

	static final String NEYNAR_URL = "http://" + Ports.LOOPBACK + ":" + NEYNAR_SIMULATOR_PORT;

	static final int GRAPHQL_PORT = 4000;

	/**
	 * The public Hardhat test mnemonic: the Neynar simulator knows its app account (fid
	 * 424242). Not a secret.
	 */
	static final String DEV_MNEMONIC = "test test test test test test test test test test test junk";

	/** The Neynar simulator accepts any key; a real key never goes into the devstack. */
	static final String SIMULATED_NEYNAR_KEY = "simulated-neynar-key";

	/**
	 * Every service, in start order (the simulators first, then the services together,
	 * one JVM per replica).
	 * @return the services
	 */
	public List<ServiceSpec> all() {
		return all(Replicas.ONE_EACH);
	}

	/**
	 * Every service, in start order, each replica its own entry (named
	 * {@code consumer-2}, with its own ports: see {@link Replicas}).
	 * @param replicas how many JVMs of each
	 * @return the services
	 */
	public List<ServiceSpec> all(Replicas replicas) {
		// The devstack syncs every minute (not the production default) so a newcomer sees
		// movement.
		DevSecrets secrets = secrets();
		List<ServiceSpec> services = new ArrayList<>();
		services.add(simulators(secrets));
		for (int index = 1; index <= replicas.of("producer"); index++) {
			services.add(flashcastrService("producer", replicas.instanceName("producer", index), 9090, index, secrets,
					Map.of("FEED_API_URL", FEED_URL, "SYNC_INTERVAL", "PT1M",
							// A newcomer at night should still see flashes move: no
							// off-peak skipping locally.
							"SYNC_OFF_PEAK_SKIP_PROBABILITY", "0",
							// Auto-cast of the demo user's flashes through the Neynar
							// simulator.
							"NEYNAR_API_URL", NEYNAR_URL, "NEYNAR_API_KEY", SIMULATED_NEYNAR_KEY,
							"SIGNER_ENCRYPTION_KEY", secrets.signerEncryptionKey(), "CAST_RETRY_INTERVAL", "15s")));
		}
		for (int index = 1; index <= replicas.of("consumer"); index++) {
			// Images from the feed simulator, pins on the simulated Kubo node
			// (compose's choice too).
			services.add(flashcastrService("consumer", replicas.instanceName("consumer", index), 9091, index, secrets,
					Map.of("FEED_API_URL", FEED_URL, "IPFS_PROVIDER", "kubo", "KUBO_API_URL", KUBO_URL)));
		}
		for (int index = 1; index <= replicas.of("api"); index++) {
			services.add(api(replicas.instanceName("api", index), index));
		}
		return List.copyOf(services);
	}

	/**
	 * The GraphQL API with GraphiQL and introspection on (local only), Neynar simulated,
	 * local secrets.
	 */
	private ServiceSpec api(String instance, int index) {
		DevSecrets secrets = secrets();
		int graphqlPort = Replicas.graphqlPort(GRAPHQL_PORT, index);
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("PORT", String.valueOf(graphqlPort));
		environment.put("GRAPHQL_INTROSPECTION", "true");
		environment.put("GRAPHIQL_ENABLED", "true");
		environment.put("NEYNAR_API_URL", NEYNAR_URL);
		environment.put("NEYNAR_API_KEY", SIMULATED_NEYNAR_KEY);
		environment.put("FARCASTER_DEVELOPER_MNEMONIC", DEV_MNEMONIC);
		environment.put("API_KEY", secrets.apiKey());
		environment.put("SIGNER_ENCRYPTION_KEY", secrets.signerEncryptionKey());
		ServiceSpec api = flashcastrService("api", instance, 9092, index, secrets, environment);
		// One replica keeps the labels it always had; several say whose endpoint it is.
		String suffix = instance.equals("api") ? "" : " (" + instance + ")";
		Map<String, String> links = new LinkedHashMap<>();
		links.put("GraphiQL" + suffix, "http://" + Ports.LOOPBACK + ":" + graphqlPort + "/graphiql");
		links.put("GraphQL endpoint" + suffix, "http://" + Ports.LOOPBACK + ":" + graphqlPort + "/graphql");
		if (index == 1) {
			links.put("API key (X-API-KEY)", ".devstack/secrets.properties");
		}
		links.putAll(api.links());
		return new ServiceSpec(api.name(), api.jar(), api.port(), api.environment(), api.usesInfrastructure(),
				api.readinessUrl(), api.jvmOptions(), links);
	}

	/**
	 * The services named in a comma-separated list, in start order.
	 * @param names e.g. {@code simulators,producer}; blank means all
	 * @return the selected services
	 * @throws IllegalArgumentException for an unknown name
	 */
	public List<ServiceSpec> select(String names) {
		return select(names, Replicas.ONE_EACH);
	}

	/**
	 * The services named in a comma-separated list, in start order, with their replicas.
	 * @param names e.g. {@code simulators,consumer}; blank means all
	 * @param replicas how many JVMs of each
	 * @return the selected services, one entry per replica
	 * @throws IllegalArgumentException for an unknown name
	 */
	public List<ServiceSpec> select(String names, Replicas replicas) {
		if (names == null || names.isBlank()) {
			return all(replicas);
		}
		List<String> wanted = Arrays.stream(names.split(",")).map(String::trim).filter((n) -> !n.isEmpty()).toList();
		List<String> known = all().stream().map(ServiceSpec::name).toList();
		List<String> unknown = new ArrayList<>(wanted);
		unknown.removeAll(known);
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("Unknown service(s) " + unknown + "; known: " + known);
		}
		return all(replicas).stream().filter((service) -> wanted.contains(service.service())).toList();
	}

	/** The jar {@code ./mvnw package} builds for a module. */
	Path jar(String module) {
		return this.root.resolve(module).resolve("target").resolve(module + "-" + this.version + "-exec.jar");
	}

	/** The local secrets (API key, signer key, demo signer), made on the first run. */
	public DevSecrets secrets() {
		return DevSecrets.in(this.root.resolve(".devstack"));
	}

	private ServiceSpec simulators(DevSecrets secrets) {
		Map<String, String> links = new LinkedHashMap<>();
		links.put("feed simulator", FEED_URL + "/flashinvaders/flashes/");
		links.put("Pinata simulator", "http://" + Ports.LOOPBACK + ":" + PINATA_SIMULATOR_PORT + "/__admin/state");
		links.put("Kubo simulator", KUBO_URL + "/__admin/state");
		links.put("Neynar simulator", NEYNAR_URL + "/__admin/state");
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("FEED_SIMULATOR_PORT", String.valueOf(FEED_SIMULATOR_PORT));
		// Enough new flashes that a newcomer sees the producer's counters move.
		environment.put("FEED_SIMULATOR_NEW_FLASHES_PER_MINUTE", "6");
		// Every Paris flash is the demo user's, so one is cast within about a minute.
		environment.put("FEED_SIMULATOR_PARIS_PLAYERS", DemoUser.PLAYER);
		environment.put("PINATA_SIMULATOR_PORT", String.valueOf(PINATA_SIMULATOR_PORT));
		environment.put("KUBO_SIMULATOR_PORT", String.valueOf(KUBO_SIMULATOR_PORT));
		environment.put("NEYNAR_SIMULATOR_PORT", String.valueOf(NEYNAR_SIMULATOR_PORT));
		environment.put("NEYNAR_SIMULATOR_APPROVED_SIGNERS",
				secrets.demoSignerUuid() + ":" + DemoUser.FID + ":" + DemoUser.FARCASTER_USERNAME);
		return new ServiceSpec("simulators", jar("simulators"), FEED_SIMULATOR_PORT, environment, false,
				URI.create(FEED_URL + "/flashinvaders/flashes/"), jvmOptions(), links);
	}

	/**
	 * A Spring Boot service of ours: infrastructure variables, metrics and health on
	 * {@code metricsPort} (writes there need the local management token), text logs.
	 */
	private ServiceSpec flashcastrService(String service, String name, int basePort, int index, DevSecrets secrets,
			Map<String, String> ownEnvironment) {
		int metricsPort = Replicas.managementPort(basePort, index);
		String management = "http://" + Ports.LOOPBACK + ":" + metricsPort + "/actuator";
		Map<String, String> environment = new LinkedHashMap<>(ownEnvironment);
		environment.put("METRICS_PORT", String.valueOf(metricsPort));
		environment.put("MANAGEMENT_TOKEN", secrets.managementToken());
		environment.put("LOG_FORMAT", "text");
		// glibc's malloc arenas, as the images: 2 instead of 8 per core.
		environment.put("MALLOC_ARENA_MAX", ShippedJvm.MALLOC_ARENA_MAX);
		Map<String, String> links = new LinkedHashMap<>();
		links.put(name + " metrics", management + "/prometheus");
		links.put(name + " health", management + "/health");
		if ("consumer".equals(service)) {
			links.put(name.equals(service) ? "dead letters" : "dead letters (" + name + ")",
					management + "/deadletters");
			if (index == 1) {
				links.put("management token (Bearer)", ".devstack/secrets.properties");
			}
		}
		return new ServiceSpec(name, jar(service), metricsPort, environment, true,
				URI.create(management + "/health/readiness"), jvmOptions(), links);
	}

	/**
	 * The images' JVM settings, so the devstack shows what ships (README "Memory and
	 * start-up" says why).
	 */
	static List<String> jvmOptions() {
		return ShippedJvm.options(ShippedJvm.HEAP);
	}

}
