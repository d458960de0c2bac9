package app.flashcastr.devstack.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReplicasTests {

	private final ServiceCatalog catalog = new ServiceCatalog(Path.of("/repo"), "0.1.0-SNAPSHOT");

	@Test
	void oneOfEachUnlessToldOtherwise() {
		assertThat(Replicas.parse(null)).isEqualTo(Replicas.ONE_EACH);
		assertThat(Replicas.parse(" ")).isEqualTo(Replicas.ONE_EACH);
		assertThat(this.catalog.all(Replicas.parse(""))).extracting(ServiceSpec::name)
			.containsExactly("simulators", "producer", "consumer", "api");
	}

	@Test
	void readsNameCountPairsAndRefusesWhatItCannotRun() {
		Replicas replicas = Replicas.parse("producer:2, consumer:3,api:1");

		assertThat(replicas.of("producer")).isEqualTo(2);
		assertThat(replicas.of("consumer")).isEqualTo(3);
		assertThat(replicas.of("api")).isOne();
		assertThatIllegalArgumentException().isThrownBy(() -> Replicas.parse("simulators:2"))
			.withMessageContaining("only producer, consumer and api");
		assertThatIllegalArgumentException().isThrownBy(() -> Replicas.parse("consumer:x"))
			.withMessageContaining("name:count");
		assertThatIllegalArgumentException().isThrownBy(() -> Replicas.parse("consumer:10"))
			.withMessageContaining("between 1 and 9");
	}

	@Test
	void eachReplicaGetsItsNameAndPortsInStartOrder() {
		List<ServiceSpec> services = this.catalog.all(Replicas.parse("producer:2,consumer:3,api:2"));

		assertThat(services).extracting(ServiceSpec::name)
			.containsExactly("simulators", "producer-1", "producer-2", "consumer-1", "consumer-2", "consumer-3",
					"api-1", "api-2");
		assertThat(services).extracting(ServiceSpec::port)
			.containsExactly(8081, 9090, 9190, 9091, 9191, 9291, 9092, 9192);
		ServiceSpec consumer3 = services.get(5);
		assertThat(consumer3.service()).isEqualTo("consumer");
		assertThat(consumer3.jar()).isEqualTo(Path.of("/repo/consumer/target/consumer-0.1.0-SNAPSHOT-exec.jar"));
		assertThat(consumer3.environment()).containsEntry("METRICS_PORT", "9291");
		assertThat(consumer3.readinessUrl()).hasToString("http://127.0.0.1:9291/actuator/health/readiness");
		assertThat(consumer3.links()).containsEntry("consumer-3 metrics", "http://127.0.0.1:9291/actuator/prometheus");
		ServiceSpec api2 = services.get(7);
		assertThat(api2.environment()).containsEntry("PORT", "4001").containsEntry("METRICS_PORT", "9192");
		assertThat(api2.links()).containsEntry("GraphQL endpoint (api-2)", "http://127.0.0.1:4001/graphql");
		// DEVSTACK_SERVICES still names services, and brings all their replicas.
		assertThat(this.catalog.select("consumer", Replicas.parse("consumer:2"))).extracting(ServiceSpec::name)
			.containsExactly("consumer-1", "consumer-2");
	}

	@Test
	void everyReplicaIsAScrapeTargetOfItsServicesJobNamedByItsInstance(@TempDir Path directory) throws Exception {
		List<ServiceSpec> services = this.catalog.all(Replicas.parse("consumer:2"));

		List<Path> files = ScrapeTargets.write(directory, services);

		assertThat(files).extracting((file) -> file.getFileName().toString())
			.containsExactly("flashcastr-api.json", "invaders-bot.json", "invaders-consumer.json");
		String consumers = Files.readString(directory.resolve("invaders-consumer.json"));
		assertThat(consumers).contains("\"127.0.0.1:9091\"", "\"127.0.0.1:9191\"", "\"instance\" : \"consumer-1\"",
				"\"instance\" : \"consumer-2\"");
		assertThat(Files.readString(directory.resolve("invaders-bot.json"))).contains("\"127.0.0.1:9090\"",
				"\"instance\" : \"producer\"");

		ScrapeTargets.clear(directory);

		assertThat(Files.readString(directory.resolve("invaders-consumer.json")).strip()).isEqualTo("[ ]");
	}

}
