package app.flashcastr.consumer.intake;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import app.flashcastr.consumer.ConsumerInstance;
import app.flashcastr.consumer.TestWorld;
import app.flashcastr.contracts.messaging.FlashReceived;
import app.flashcastr.contracts.messaging.FlashTopology;
import app.flashcastr.testinfra.IsolatedDatabase;
import app.flashcastr.testinfra.IsolatedVhost;
import app.flashcastr.testinfra.PrometheusScrape;
import app.flashcastr.testinfra.TcpProxy;
import app.flashcastr.testinfra.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The queue depth and backpressure gauges are true when scraped: a backlog shows at once,
 * a drained queue reads 0 at the next scrape (its read is reused for at most 1 s), and a
 * broker that cannot be asked gives NaN rather than the last number.
 */
class QueueGaugesTests {

	private static final int BACKLOG = 30;

	@Test
	void queueDepthAndBackpressureFollowTheBrokerAtScrapeTime() {
		IsolatedDatabase database = TestInfrastructure.newDatabase();
		IsolatedVhost vhost = TestInfrastructure.newIsolatedVhost();
		JdbcTemplate direct = new JdbcTemplate(
				new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
		CachingConnectionFactory broker = TestWorld.broker(vhost);
		try (TcpProxy amqp = TcpProxy.start(vhost.host(), vhost.port());
				ConfigurableApplicationContext consumer = ConsumerInstance.start(database, vhost,
						TestInfrastructure.postgres().port(),
						Map.of("spring.rabbitmq.port", amqp.port(), "spring.rabbitmq.listener.simple.auto-startup",
								false, "invaders.consumer.intake.backlog-warning", 10))) {
			int port = Integer.parseInt(consumer.getEnvironment().getProperty("local.server.port"));
			// The first read connects the consumer, which declares its queues.
			await().atMost(Duration.ofSeconds(10)).until(() -> depth(port) == 0);
			List<FlashReceived> flashes = TestWorld.storeNewFlashes(direct, BACKLOG);
			RabbitTemplate rabbit = new RabbitTemplate(broker);
			flashes.forEach((flash) -> TestWorld.announce(rabbit, flash));
			await().atMost(Duration.ofSeconds(5)).until(() -> readyMessages(broker) == BACKLOG);

			await().atMost(Duration.ofSeconds(2)).until(() -> depth(port) == BACKLOG);
			assertThat(PrometheusScrape.of(port).value("invaders_consumer_backpressure_status", Map.of())).isEqualTo(1);

			consumer.getBean(RabbitListenerEndpointRegistry.class).getListenerContainer("flash-intake").start();
			await().atMost(Duration.ofSeconds(30)).until(() -> TestWorld.missingCids(direct, flashes) == 0);
			await().atMost(Duration.ofSeconds(5)).until(() -> readyMessages(broker) == 0);

			// At most one cached read (1 s) later, the scrape says what the broker says.
			await().atMost(Duration.ofSeconds(2)).until(() -> depth(port) == 0);
			PrometheusScrape drained = PrometheusScrape.of(port);
			assertThat(drained.value("invaders_consumer_backpressure_status", Map.of())).isZero();
			assertThat(drained.value("invaders_consumer_oldest_message_age_seconds", Map.of())).isZero();

			amqp.cut();
			await().atMost(Duration.ofSeconds(5)).until(() -> Double.isNaN(depth(port)));
			assertThat(PrometheusScrape.of(port).value("invaders_consumer_backpressure_status", Map.of())).isZero();

			amqp.restore();
			await().atMost(Duration.ofSeconds(30)).until(() -> depth(port) == 0);
		}
		finally {
			broker.destroy();
			TestInfrastructure.release(database);
			TestInfrastructure.release(vhost);
		}
	}

	private static double depth(int port) {
		return PrometheusScrape.of(port).value("invaders_consumer_queue_depth", Map.of());
	}

	private static int readyMessages(CachingConnectionFactory broker) {
		Properties queue = new RabbitAdmin(broker).getQueueProperties(FlashTopology.CONSUMER_QUEUE);
		return (queue == null) ? -1 : ((Number) queue.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).intValue();
	}

}
