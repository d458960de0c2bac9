package app.flashcastr.consumer.intake;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import app.flashcastr.consumer.ConsumerInstance;
import app.flashcastr.consumer.TestWorld;
import app.flashcastr.contracts.messaging.FlashReceived;
import app.flashcastr.testinfra.IsolatedDatabase;
import app.flashcastr.testinfra.IsolatedVhost;
import app.flashcastr.testinfra.PrometheusScrape;
import app.flashcastr.testinfra.TcpProxy;
import app.flashcastr.testinfra.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL goes away for a while: the consumer holds its messages, takes no more, and
 * catches up afterwards; its metrics say "retrying", not "failed", while it does.
 */
class DatabaseOutageTests {

	/** Listeners, each holding one message (batches of one) during the outage. */
	private static final int HOLDERS = 8;

	@Test
	void noFlashIsLostOrCountedAsFailedWhilePostgresIsDown() {
		IsolatedDatabase database = TestInfrastructure.newDatabase();
		IsolatedVhost vhost = TestInfrastructure.newIsolatedVhost();
		JdbcTemplate direct = new JdbcTemplate(
				new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
		String host = TestInfrastructure.postgres().host();
		int pgPort = TestInfrastructure.postgres().port();
		try (TcpProxy postgres = TcpProxy.start(host, pgPort);
				ConfigurableApplicationContext consumer = ConsumerInstance.start(database, vhost, postgres.port(),
						Map.of("spring.rabbitmq.listener.simple.concurrency", HOLDERS,
								"spring.rabbitmq.listener.simple.max-concurrency", HOLDERS,
								"spring.rabbitmq.listener.simple.batch-size", 1, "invaders.consumer.hold.max-delay",
								"1s"))) {
			MeterRegistry registry = consumer.getBean(MeterRegistry.class);
			RabbitTemplate rabbit = consumer.getBean(RabbitTemplate.class);
			int port = Integer.parseInt(consumer.getEnvironment().getProperty("local.server.port"));
			List<FlashReceived> flashes = TestWorld.storeNewFlashes(direct, 20);
			double deadBefore = deadLettered(registry);

			postgres.cut();
			flashes.forEach((flash) -> TestWorld.announce(rabbit, flash));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> registry.get("invaders_consumer_in_flight").gauge().value() == HOLDERS
						&& consecutiveFailures(registry) > 0);
			PrometheusScrape during = PrometheusScrape.of(port);
			assertThat(during.value("invaders_consumer_flashes_failed_total", Map.of())).isZero();
			// Counted per failed call to PostgreSQL (one probe at a time), never once per
			// holder.
			assertThat(during.value("invaders_consumer_consecutive_failures", Map.of("type", "database")))
				.isBetween(1.0, HOLDERS - 1.0);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> PrometheusScrape.of(port)
					.value("invaders_consumer_retries_total", Map.of("cause", "database")) > 0);
			assertThat(TestWorld.missingCids(direct, flashes)).isEqualTo(flashes.size());

			postgres.restore();

			await().atMost(Duration.ofSeconds(60)).until(() -> TestWorld.missingCids(direct, flashes) == 0);
			PrometheusScrape after = PrometheusScrape.of(port);
			assertThat(after.value("invaders_consumer_flashes_failed_total", Map.of())).isZero();
			assertThat(after.value("invaders_consumer_consecutive_failures", Map.of("type", "database"))).isZero();
			assertThat(after.value("invaders_consumer_flashes_processed_total", Map.of())).isEqualTo(flashes.size());
			assertThat(deadLettered(registry) - deadBefore).isZero();
		}
		finally {
			TestInfrastructure.release(database);
			TestInfrastructure.release(vhost);
		}
	}

	private static double consecutiveFailures(MeterRegistry registry) {
		return registry.get("invaders_consumer_consecutive_failures").tag("type", "database").gauge().value();
	}

	private static double deadLettered(MeterRegistry registry) {
		return registry.get("invaders_consumer_dead_lettered").counters().stream().mapToDouble((c) -> c.count()).sum();
	}

}
