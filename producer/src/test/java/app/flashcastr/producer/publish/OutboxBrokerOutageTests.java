package app.flashcastr.producer.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import app.flashcastr.contracts.messaging.EnvelopeCodec;
import app.flashcastr.contracts.messaging.FlashTopology;
import app.flashcastr.contracts.messaging.MessageType;
import app.flashcastr.producer.ProducerInstance;
import app.flashcastr.producer.TestFeed;
import app.flashcastr.producer.sync.FlashSync;
import app.flashcastr.producer.sync.SyncReport;
import app.flashcastr.testinfra.IsolatedDatabase;
import app.flashcastr.testinfra.IsolatedVhost;
import app.flashcastr.testinfra.TcpProxy;
import app.flashcastr.testinfra.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker goes away during a sync: nothing is lost, and every entry is published and
 * confirmed once it returns.
 */
class OutboxBrokerOutageTests {

	@Test
	void flashesStoredWhileTheBrokerIsDownArePublishedOnceItReturns() {
		IsolatedDatabase database = TestInfrastructure.newDatabase();
		IsolatedVhost vhost = TestInfrastructure.newIsolatedVhost();
		TestFeed.simulator().faults().reset();
		try (TcpProxy broker = TcpProxy.start(vhost.host(), vhost.port());
				ConfigurableApplicationContext producer = ProducerInstance.start(database, vhost, broker.port(),
						Map.of("flashcastr.outbox.enabled", true, "flashcastr.outbox.poll-interval", "200ms",
								"flashcastr.outbox.retry-base-delay", "100ms", "flashcastr.outbox.max-retry-delay",
								"500ms"))) {
			JdbcTemplate jdbc = producer.getBean(JdbcTemplate.class);
			MeterRegistry registry = producer.getBean(MeterRegistry.class);
			broker.cut();
			TestFeed.simulator().emitFlashes(5);

			SyncReport report = producer.getBean(FlashSync.class).runOnce();

			int announced = report.newFlashes() + report.reannounced();
			assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.PROCESSED);
			assertThat(announced).isGreaterThanOrEqualTo(5);
			assertThat(report.published()).isZero();
			assertThat(outboxDepth(jdbc)).isEqualTo(announced);
			// The sync's own drain or the relay thread (whichever holds the drain) counts
			// it.
			await().atMost(Duration.ofSeconds(10))
				.until(() -> registry.get("invaders_bot_messages_failed").counter().count() > 0);

			broker.restore();

			await().atMost(Duration.ofSeconds(30)).until(() -> outboxDepth(jdbc) == 0);
			assertThat(registry.get("invaders_bot_messages_published").counter().count()).isEqualTo(announced);
			List<Long> delivered = receiveAll(vhost);
			assertThat(delivered).hasSize(announced).doesNotHaveDuplicates();
			assertThat(delivered)
				.containsExactlyInAnyOrderElementsOf(jdbc.queryForList("SELECT flash_id FROM flashes", Long.class));
		}
		finally {
			TestInfrastructure.release(database);
			TestInfrastructure.release(vhost);
		}
	}

	private static long outboxDepth(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class);
	}

	private static List<Long> receiveAll(IsolatedVhost vhost) {
		CachingConnectionFactory connectionFactory = new CachingConnectionFactory(vhost.host(), vhost.port());
		connectionFactory.setUsername(vhost.username());
		connectionFactory.setPassword(vhost.password());
		connectionFactory.setVirtualHost(vhost.name());
		try {
			RabbitTemplate template = new RabbitTemplate(connectionFactory);
			EnvelopeCodec codec = new EnvelopeCodec();
			List<Long> ids = new ArrayList<>();
			Message message;
			while ((message = template.receive(FlashTopology.CONSUMER_QUEUE, 500)) != null) {
				ids.add(codec.decode(message.getBody(), MessageType.FLASH_RECEIVED).payload().flashId());
			}
			return ids;
		}
		finally {
			connectionFactory.destroy();
		}
	}

}
