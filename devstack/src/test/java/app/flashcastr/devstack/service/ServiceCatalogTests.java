package app.flashcastr.devstack.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import app.flashcastr.devstack.infra.BrokerEndpoint;
import app.flashcastr.localinfra.InfrastructureOrigin;
import app.flashcastr.localinfra.PostgresEndpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ServiceCatalogTests {

	private final ServiceCatalog catalog = new ServiceCatalog(Path.of("/repo"), "0.1.0-SNAPSHOT");

	private final PostgresEndpoint postgres = PostgresEndpoint.trusted("127.0.0.1", 5432, "flashcastr",
			InfrastructureOrigin.LOCAL);

	@Test
	void simulatorsComeFirstThenTheProducer() {
		assertThat(this.catalog.all()).extracting(ServiceSpec::name).startsWith("simulators", "producer");
	}

	@Test
	void simulatorsGetTheirPortAndFlashRateButNoInfrastructure() {
		ServiceSpec simulators = this.catalog.select("simulators").getFirst();

		assertThat(simulators.jar()).isEqualTo(Path.of("/repo/simulators/target/simulators-0.1.0-SNAPSHOT-exec.jar"));
		assertThat(simulators.readinessUrl()).hasToString("http://127.0.0.1:8081/flashinvaders/flashes/");
		assertThat(simulators
			.processEnvironment(InfrastructureEnvironment.of(this.postgres, broker(InfrastructureOrigin.LOCAL))))
			.containsEntry("FEED_SIMULATOR_PORT", "8081")
			.containsEntry("FEED_SIMULATOR_NEW_FLASHES_PER_MINUTE", "6")
			.doesNotContainKeys("DATABASE_URL", "RABBITMQ_URL");
	}

	@Test
	void producerGetsInfrastructureFeedMetricsPortAndOneMinuteSync() throws Exception {
		ServiceSpec producer = this.catalog.select("producer").getFirst();

		Map<String, String> environment = producer
			.processEnvironment(InfrastructureEnvironment.of(this.postgres, broker(InfrastructureOrigin.LOCAL)));

		assertThat(producer.jar()).isEqualTo(Path.of("/repo/producer/target/producer-0.1.0-SNAPSHOT-exec.jar"));
		assertThat(producer.port()).isEqualTo(9090);
		assertThat(producer.readinessUrl()).hasToString("http://127.0.0.1:9090/actuator/health/readiness");
		// The images' settings (README "Memory and start-up"), option for option.
		String image = Files.readString(Path.of("..", "service.Dockerfile"));
		Matcher options = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]+)\"").matcher(image);
		assertThat(options.find()).isTrue();
		assertThat(producer.jvmOptions()).containsExactlyInAnyOrder(options.group(1).split(" "));
		Matcher arenas = Pattern.compile("MALLOC_ARENA_MAX=(\\d+)").matcher(image);
		assertThat(arenas.find()).isTrue();
		assertThat(environment).containsEntry("MALLOC_ARENA_MAX", arenas.group(1));
		assertThat(producer.links()).containsValue("http://127.0.0.1:9090/actuator/prometheus");
		assertThat(environment).containsEntry("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/flashcastr")
			.containsEntry("RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672")
			.containsEntry("FEED_API_URL", "http://127.0.0.1:8081")
			.containsEntry("METRICS_PORT", "9090")
			.containsEntry("LOG_FORMAT", "text")
			.containsEntry("SYNC_INTERVAL", "PT1M")
			.doesNotContainKey(InfrastructureEnvironment.QUEUE_TYPE);
	}

	@Test
	void everyServiceOfOursGetsTheLocalManagementToken() {
		String token = this.catalog.secrets().managementToken();

		assertThat(token).matches("[0-9a-f]{32}");
		for (String name : new String[] { "producer", "consumer", "api" }) {
			ServiceSpec service = this.catalog.select(name).getFirst();
			assertThat(service
				.processEnvironment(InfrastructureEnvironment.of(this.postgres, broker(InfrastructureOrigin.LOCAL))))
				.as(name)
				.containsEntry("MANAGEMENT_TOKEN", token);
		}
		assertThat(this.catalog.select("simulators").getFirst().environment()).doesNotContainKey("MANAGEMENT_TOKEN");
		assertThat(this.catalog.select("consumer").getFirst().links()).containsEntry("dead letters",
				"http://127.0.0.1:9091/actuator/deadletters");
	}

	@Test
	void anOlderSecretsFileGainsAManagementTokenAndKeepsTheRest(@TempDir Path state) throws Exception {
		Files.writeString(state.resolve("secrets.properties"),
				"API_KEY=old-key\nSIGNER_ENCRYPTION_KEY=" + "ab".repeat(32) + "\nDEMO_SIGNER_UUID=signer\n");

		DevSecrets secrets = DevSecrets.in(state);

		assertThat(secrets.apiKey()).isEqualTo("old-key");
		assertThat(secrets.demoSignerUuid()).isEqualTo("signer");
		assertThat(secrets.managementToken()).matches("[0-9a-f]{32}");
		assertThat(DevSecrets.in(state).managementToken()).as("kept on the next run")
			.isEqualTo(secrets.managementToken());
		assertThat(secrets.toString()).doesNotContain(secrets.managementToken());
	}

	@Test
	void embeddedBrokerIsTheOnlyCaseWithClassicQueues() {
		assertThat(InfrastructureEnvironment.of(this.postgres, broker(InfrastructureOrigin.EMBEDDED)))
			.containsEntry("FLASHCASTR_AMQP_QUEUE_TYPE", "classic");
		assertThat(InfrastructureEnvironment.of(this.postgres, broker(InfrastructureOrigin.LOCAL)))
			.doesNotContainKey("FLASHCASTR_AMQP_QUEUE_TYPE");
		assertThat(InfrastructureEnvironment.of(this.postgres, broker(InfrastructureOrigin.ENVIRONMENT)))
			.doesNotContainKey("FLASHCASTR_AMQP_QUEUE_TYPE");
	}

	@Test
	void selectKeepsStartOrderAndRefusesUnknownNames() {
		assertThat(this.catalog.select(" producer , simulators ")).extracting(ServiceSpec::name)
			.containsExactly("simulators", "producer");
		assertThat(this.catalog.select("")).hasSameSizeAs(this.catalog.all());
		assertThatIllegalArgumentException().isThrownBy(() -> this.catalog.select("producer,nope"))
			.withMessageContaining("[nope]");
	}

	private static BrokerEndpoint broker(InfrastructureOrigin origin) {
		return new BrokerEndpoint("amqp://guest:guest@127.0.0.1:5672", "127.0.0.1", 5672, origin, null);
	}

}
