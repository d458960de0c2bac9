package app.flashcastr.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose files as Debian's docker-compose resolves them ({@code config} needs no
 * engine), and the README's port table against the published ports.
 */
class ComposeTests {

	private static final Map<String, String> SECRETS = Map.of("POSTGRES_PASSWORD", "test-only-pg", "RABBITMQ_PASSWORD",
			"test-only-mq", "GRAFANA_ADMIN_PASSWORD", "test-only-grafana");

	/**
	 * Images without a shell or HTTP client for a healthcheck; dependents wait for
	 * service_started.
	 */
	private static final Set<String> NO_HEALTHCHECK = Set.of("tempo", "loki", "otel-collector");

	/**
	 * docker-compose wants a regular file: an empty one, so a developer's .env changes
	 * nothing.
	 */
	private static final String EMPTY_ENV_FILE = emptyFile();

	private static final Pattern PORT_ROW = Pattern.compile("^\\| (\\d+) \\|");

	@Test
	void fullComposeValidatesWithEveryServiceOfTheSpec() {
		Map<String, Map<String, Object>> services = resolved("docker-compose.yml", SECRETS, "--profile", "otel");
		assertThat(services).containsKeys("postgres", "rabbitmq", "simulators", "producer", "consumer", "api",
				"postgres-exporter", "prometheus", "alertmanager", "tempo", "loki", "grafana", "otel-collector");
		checkServices(services);
	}

	@Test
	void monitoringOnlyComposeValidatesWithTargetsFromTheEnvironment() {
		Map<String, Map<String, Object>> services = resolved("docker-compose.monitoring.yml",
				Map.of("INVADERS_BOT_TARGET", "producer.railway.internal:9090", "INVADERS_CONSUMER_TARGET",
						"consumer.railway.internal:9091", "FLASHCASTR_API_TARGET", "api.railway.internal:9092",
						"GRAFANA_ADMIN_PASSWORD", "test-only"));
		assertThat(services.keySet()).containsExactlyInAnyOrder("prometheus", "alertmanager", "grafana", "tempo",
				"loki");
		assertThat(services.get("prometheus").get("environment").toString())
			.contains("INVADERS_BOT_TARGET=producer.railway.internal:9090");
		checkServices(services);
		// Without targets it refuses to start rather than scrape nothing.
		Tools.Result missing = Tools.run(
				List.of(compose(), "--env-file", EMPTY_ENV_FILE, "-f",
						StackFiles.path("docker-compose.monitoring.yml").toString(), "config", "-q"),
				Map.of("GRAFANA_ADMIN_PASSWORD", "x"), Duration.ofMinutes(1));
		assertThat(missing.exitCode()).isNotZero();
		assertThat(missing.output()).contains("INVADERS_BOT_TARGET");
	}

	/**
	 * The cluster profile: three RabbitMQ nodes joined by classic peer discovery with one
	 * cookie, replicas of the services under their service's name (Prometheus's DNS
	 * discovery scrapes each), and every service on all three nodes once
	 * {@code RABBITMQ_NODES} lists them.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void clusterProfileRunsThreeRabbitmqNodesAndReplicatedServices() {
		Map<String, String> environment = new java.util.HashMap<>(SECRETS);
		environment.put("RABBITMQ_NODES", "rabbitmq-1:5672,rabbitmq-2:5672,rabbitmq-3:5672");
		environment.put("RABBITMQ_ERLANG_COOKIE", "test-only-cookie");
		Map<String, Map<String, Object>> services = resolved("docker-compose.yml", environment, "--profile", "cluster");
		assertThat(services).containsKeys("rabbitmq-1", "rabbitmq-2", "rabbitmq-3", "consumer-replicas", "api-replicas",
				"producer-standby");
		checkServices(services);
		for (String node : List.of("rabbitmq-1", "rabbitmq-2", "rabbitmq-3")) {
			Map<String, Object> service = services.get(node);
			assertThat(service.get("hostname")).isEqualTo(node);
			assertThat(service.get("image")).isEqualTo(services.get("rabbitmq").get("image"));
			assertThat(service.get("environment").toString()).contains("RABBITMQ_ERLANG_COOKIE=test-only-cookie");
			assertThat(service.get("volumes").toString()).contains("10-cluster.conf");
		}
		assertThat(StackFiles.read("rabbitmq/cluster/10-cluster.conf")).contains(
				"cluster_formation.peer_discovery_backend = classic_config",
				"cluster_formation.classic_config.nodes.1 = rabbit@rabbitmq-1",
				"cluster_formation.classic_config.nodes.3 = rabbit@rabbitmq-3");
		Map<String, String> aliases = Map.of("consumer-replicas", "consumer", "api-replicas", "api", "producer-standby",
				"producer");
		aliases.forEach((replicas, name) -> {
			Map<String, Object> service = services.get(replicas);
			assertThat(service.get("networks").toString()).as(replicas).contains("aliases=[" + name + "]");
			assertThat(service).as(replicas).doesNotContainKey("ports");
			assertThat(service.get("image")).isEqualTo(services.get(name).get("image"));
		});
		assertThat(((Map<String, Object>) services.get("consumer-replicas").get("deploy")).get("replicas"))
			.isEqualTo(2);
		for (String service : List.of("producer", "consumer", "api", "consumer-replicas", "api-replicas",
				"producer-standby")) {
			assertThat(services.get(service).get("environment").toString()).as(service)
				.contains("RABBITMQ_URL=amqp://flashcastr:test-only-mq@rabbitmq-1:5672,rabbitmq-2:5672,"
						+ "rabbitmq-3:5672/");
		}
		assertThat(services.get("prometheus").get("environment").toString()).contains("SCRAPE_DISCOVERY=dns");
		// Without the profile none of it runs, and the single node stays the default.
		for (String name : List.of("rabbitmq-1", "rabbitmq-2", "rabbitmq-3", "consumer-replicas", "api-replicas",
				"producer-standby")) {
			assertThat(services.get(name).get("profiles")).as(name).isEqualTo(List.of("cluster"));
		}
		Map<String, Map<String, Object>> plain = resolved("docker-compose.yml", SECRETS);
		assertThat(plain.get("consumer").get("environment").toString())
			.contains("RABBITMQ_URL=amqp://flashcastr:test-only-mq@rabbitmq:5672/");
	}

	/** No admin/admin: without the passwords the file does not resolve. */
	@Test
	void passwordsHaveNoDefaults() {
		Tools.Result result = Tools.run(List.of(compose(), "--env-file", EMPTY_ENV_FILE, "-f",
				StackFiles.path("docker-compose.yml").toString(), "config", "-q"), Map.of(), Duration.ofMinutes(1));
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("POSTGRES_PASSWORD");
		assertThat(StackFiles.read("docker-compose.yml")).doesNotContainIgnoringCase("admin:admin")
			.doesNotContain("GF_SECURITY_ADMIN_PASSWORD: admin");
	}

	/**
	 * The README's stack port table lists exactly the host ports docker-compose.yml
	 * publishes.
	 */
	@Test
	void readmePortTableMatchesTheComposeFile() {
		Set<String> published = new TreeSet<>();
		resolved("docker-compose.yml", SECRETS, "--profile", "otel").forEach((name, service) -> {
			for (Object port : (List<?>) service.getOrDefault("ports", List.of())) {
				published.add(hostPort(port));
			}
		});
		String readme = StackFiles.read("README.md");
		int start = readme.indexOf("### Stack ports");
		assertThat(start).as("README section '### Stack ports'").isPositive();
		int end = readme.indexOf("\n#", start + 5);
		Set<String> documented = new TreeSet<>();
		for (String line : readme.substring(start, (end < 0) ? readme.length() : end).split("\n")) {
			Matcher row = PORT_ROW.matcher(line);
			if (row.find()) {
				documented.add(row.group(1));
			}
		}
		assertThat(documented).isEqualTo(published);
		assertThat(published).as("producer metrics and Prometheus must not collide").contains("9090", "19090");
	}

	private static void checkServices(Map<String, Map<String, Object>> services) {
		List<String> problems = new ArrayList<>();
		services.forEach((name, service) -> {
			String image = String.valueOf(service.get("image"));
			if (!image.matches(".+:[^:/]+") || image.endsWith(":latest")) {
				problems.add(name + ": image not pinned: " + image);
			}
			if (!service.containsKey("mem_limit")) {
				problems.add(name + ": no mem_limit");
			}
			if (!service.containsKey("healthcheck") && !NO_HEALTHCHECK.contains(name)) {
				problems.add(name + ": no healthcheck");
			}
			if (service.get("depends_on") instanceof Map<?, ?> dependencies) {
				dependencies.forEach((dependency, condition) -> {
					String expected = NO_HEALTHCHECK.contains(dependency) ? "service_started" : "service_healthy";
					if (!condition.toString().contains(expected)) {
						problems.add(name + ": depends_on " + dependency + " " + condition);
					}
				});
			}
			for (Object port : (List<?>) service.getOrDefault("ports", List.of())) {
				// Only the public GraphQL endpoint and, in the monitoring-only file,
				// Grafana and the
				// trace/log intake for remote services listen beyond loopback.
				boolean publicAllowed = Set.of("4000", "3000", "3100", "3200", "4318").contains(hostPort(port));
				if (!hostIp(port).equals("127.0.0.1") && !publicAllowed) {
					problems.add(name + ": port " + port + " not bound to 127.0.0.1");
				}
			}
		});
		assertThat(problems).isEmpty();
		// Named volumes for every stateful back-end.
		for (String stateful : List.of("prometheus", "grafana", "loki", "tempo")) {
			if (services.containsKey(stateful)) {
				assertThat(services.get(stateful).get("volumes").toString()).as(stateful).contains("_data");
			}
		}
	}

	/**
	 * docker-compose prints "[ip:]published:target/proto", or a map for
	 * "published:target" without an ip.
	 */
	private static String hostPort(Object mapping) {
		if (mapping instanceof Map<?, ?> map) {
			return String.valueOf(map.get("published"));
		}
		String[] parts = mapping.toString().replaceAll("/\\w+$", "").split(":");
		return parts[parts.length - 2];
	}

	private static String hostIp(Object mapping) {
		if (mapping instanceof Map<?, ?> map) {
			return String.valueOf(map.get("host_ip"));
		}
		String[] parts = mapping.toString().split(":");
		return (parts.length == 3) ? parts[0] : "0.0.0.0";
	}

	private static String emptyFile() {
		try {
			java.nio.file.Path file = java.nio.file.Files.createTempFile("compose", ".env");
			file.toFile().deleteOnExit();
			return file.toString();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static String compose() {
		return Tools.require(Tools.DOCKER_COMPOSE, "docker-compose");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> resolved(String file, Map<String, String> environment,
			String... options) {
		// An empty --env-file: a developer's own .env must not change what is tested.
		List<String> command = Tools.list(compose(), "--env-file", EMPTY_ENV_FILE, "-f",
				StackFiles.path(file).toString());
		command.addAll(List.of(options));
		command.add("config");
		Tools.Result result = Tools.run(command, environment, Duration.ofMinutes(1));
		result.assertSuccess("docker-compose -f " + file + " config");
		Map<String, Object> config = new Yaml().load(result.output().substring(result.output().indexOf("services:")));
		return (Map<String, Map<String, Object>>) config.get("services");
	}

}
