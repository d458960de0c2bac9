package app.flashcastr.consumer.intake;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import app.flashcastr.consumer.ConsumerInstance;
import app.flashcastr.consumer.TestWorld;
import app.flashcastr.contracts.messaging.FlashReceived;
import app.flashcastr.contracts.messaging.FlashTopology;
import app.flashcastr.testinfra.IsolatedDatabase;
import app.flashcastr.testinfra.IsolatedVhost;
import app.flashcastr.testinfra.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Production's normal state is light traffic, a few flashes a minute: an IPFS or image
 * host outage then must not dead-letter the flashes announced during it. Each flash is
 * announced only once the previous one is held, on a consumer with its default listeners
 * and breaker window (short backoffs and open duration so it plays out in seconds).
 */
class QuietOutageTests {

	private static IsolatedDatabase database;

	private static IsolatedVhost vhost;

	private static ConfigurableApplicationContext consumer;

	private static JdbcTemplate direct;

	private static MeterRegistry registry;

	private static RabbitTemplate rabbit;

	@BeforeAll
	static void startConsumer() {
		database = TestInfrastructure.newDatabase();
		vhost = TestInfrastructure.newIsolatedVhost();
		direct = new JdbcTemplate(
				new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
		consumer = ConsumerInstance.start(database, vhost, TestInfrastructure.postgres().port(),
				Map.of("invaders.consumer.hold.base-delay", "20ms", "invaders.consumer.hold.max-delay", "200ms",
						"invaders.consumer.breaker.open-duration", "1s", "invaders.consumer.download.retry-base-delay",
						"20ms", "invaders.consumer.download.read-timeout", "2s", "invaders.consumer.ipfs.timeout",
						"2s"));
		registry = consumer.getBean(MeterRegistry.class);
		rabbit = consumer.getBean(RabbitTemplate.class);
	}

	@AfterAll
	static void stopConsumer() {
		if (consumer != null) {
			consumer.close();
		}
		TestInfrastructure.release(database);
		TestInfrastructure.release(vhost);
	}

	@AfterEach
	void healthyWorld() {
		TestWorld.ipfs().kuboFaults().reset();
		TestWorld.feed().imageFaults().reset();
	}

	@Test
	void fiveFlashesAnnouncedWhileKuboAnswers503AreHeldThenAllPinned() {
		List<FlashReceived> flashes = TestWorld.storeNewFlashes(direct, 5);
		TestWorld.ipfs().kuboFaults().failWithStatus(503);

		announceOneByOne(flashes);

		// A time-based window: the breaker opens on a handful of failed calls.
		await().atMost(Duration.ofSeconds(20)).until(() -> gauge("invaders_consumer_circuit_breaker_state") != 0);
		assertThat(counter("invaders_consumer_ipfs_failures")).isPositive();
		assertThat(retries("ipfs")).isPositive();
		assertThat(TestWorld.missingCids(direct, flashes)).isEqualTo(5);
		assertNothingFailedOrDeadLettered();

		TestWorld.ipfs().kuboFaults().reset();

		await().atMost(Duration.ofSeconds(30)).until(() -> TestWorld.missingCids(direct, flashes) == 0);
		for (FlashReceived flash : flashes) {
			assertThat(TestWorld.cidOf(direct, flash.flashId())).startsWith("Qm").hasSize(46);
		}
		assertNothingFailedOrDeadLettered();
		await().atMost(Duration.ofSeconds(10)).until(() -> gauge("invaders_consumer_circuit_breaker_state") == 0);
		assertThat(consecutiveFailures("ipfs")).isZero();
	}

	@Test
	void fiveFlashesAnnouncedWhileTheImageHostAnswers503AreHeldThenAllPinned() {
		List<FlashReceived> flashes = TestWorld.storeNewFlashes(direct, 5);
		TestWorld.feed().imageFaults().failWithStatus(503);

		announceOneByOne(flashes);

		await().atMost(Duration.ofSeconds(10)).until(() -> retries("download") > 0);
		assertThat(consecutiveFailures("download")).isPositive();
		assertThat(TestWorld.missingCids(direct, flashes)).isEqualTo(5);
		assertNothingFailedOrDeadLettered();

		TestWorld.feed().imageFaults().reset();

		await().atMost(Duration.ofSeconds(30)).until(() -> TestWorld.missingCids(direct, flashes) == 0);
		assertNothingFailedOrDeadLettered();
		assertThat(consecutiveFailures("download")).isZero();
	}

	/** Light traffic: the next flash is announced once the previous one is held. */
	private static void announceOneByOne(List<FlashReceived> flashes) {
		double before = gauge("invaders_consumer_in_flight");
		for (int i = 0; i < flashes.size(); i++) {
			TestWorld.announce(rabbit, flashes.get(i));
			int held = i + 1;
			await().atMost(Duration.ofSeconds(10)).until(() -> gauge("invaders_consumer_in_flight") - before == held);
		}
	}

	private static void assertNothingFailedOrDeadLettered() {
		assertThat(
				registry.get("invaders_consumer_dead_lettered").counters().stream().mapToDouble((c) -> c.count()).sum())
			.as("dead-lettered")
			.isZero();
		assertThat(counter("invaders_consumer_flashes_failed")).as("flashes failed").isZero();
		assertThat(rabbit.receive(FlashTopology.DEAD_LETTER_QUEUE)).as("dead-letter queue").isNull();
	}

	private static double retries(String cause) {
		return registry.get("invaders_consumer_retries").tag("cause", cause).counter().count();
	}

	private static double consecutiveFailures(String type) {
		return registry.get("invaders_consumer_consecutive_failures").tag("type", type).gauge().value();
	}

	private static double counter(String name) {
		return registry.get(name).counter().count();
	}

	private static double gauge(String name) {
		return registry.get(name).gauge().value();
	}

}
