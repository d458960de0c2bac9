package app.flashcastr.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import app.flashcastr.contracts.messaging.EnvelopeCodec;
import app.flashcastr.contracts.messaging.FlashTopology;
import app.flashcastr.contracts.messaging.MessageType;
import app.flashcastr.testinfra.IsolatedDatabase;
import app.flashcastr.testinfra.IsolatedVhost;
import app.flashcastr.testinfra.PrometheusScrape;
import app.flashcastr.testinfra.TcpProxy;
import app.flashcastr.testinfra.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker goes away while a service writes: nothing is lost, every entry is published
 * and confirmed once it returns, and the exported metrics tell the truth meanwhile.
 */
class OutboxBrokerOutageTests {

	/**
	 * While the broker is cut: nothing was sent, so no message failed; the polls that
	 * found no broker are counted as relay errors, and the depth gauge reads what the
	 * table holds at the moment of the scrape. After the broker returns everything drains
	 * and the gauge reads 0.
	 */
	@Test
	void messagesWrittenWhileTheBrokerIsDownArePublishedOnceItReturns() {
		IsolatedDatabase database = TestInfrastructure.newDatabase();
		IsolatedVhost vhost = TestInfrastructure.newIsolatedVhost();
		try (TcpProxy broker = TcpProxy.start(vhost.host(), vhost.port());
				OutboxInstance service = OutboxInstance.start(database, vhost, broker.port(),
						Map.of("flashcastr.outbox.enabled", true, "flashcastr.outbox.poll-interval", "200ms",
								"flashcastr.outbox.retry-base-delay", "100ms", "flashcastr.outbox.max-retry-delay",
								"500ms"))) {
			JdbcTemplate jdbc = service.bean(JdbcTemplate.class);
			ConnectionFactory connections = service.bean(ConnectionFactory.class);
			broker.cut();
			// Until the service's cached connection is known dead, a send could still be
			// tried on it (a real, counted attempt): start from a broker that is plainly
			// gone.
			await().atMost(Duration.ofSeconds(10)).until(() -> refused(connections));

			List<Long> announced = new ArrayList<>(service.announce(5));
			OutboxRelay.DrainResult drained = service.bean(OutboxRelay.class).drain();

			assertThat(drained.confirmed()).isZero();
			assertThat(drained.failed()).isZero();
			assertThat(outboxDepth(jdbc)).isEqualTo(announced.size());
			// Several polls find no broker (every 200 ms): relay errors, not failed
			// messages.
			await().atMost(Duration.ofSeconds(10))
				.until(() -> service.scrape()
					.value("outbox_test_outbox_relay_errors_total", Map.of("cause", "broker_unreachable")) >= 3);
			PrometheusScrape during = service.scrape();
			assertThat(during.value("outbox_test_messages_failed_total", Map.of())).isZero();
			assertThat(jdbc.queryForObject("SELECT coalesce(sum(attempts), 0) FROM outbox", Long.class)).isZero();
			assertThat(during.value("outbox_test_outbox_depth", Map.of())).isEqualTo(announced.size());
			assertThat(during.value("outbox_test_outbox_oldest_age_seconds", Map.of())).isPositive();

			// More held while still cut: the next scrape (past the 1 s reuse) shows them.
			announced.addAll(service.announce(3));
			int held = announced.size();
			await().atMost(Duration.ofSeconds(3))
				.until(() -> service.scrape().value("outbox_test_outbox_depth", Map.of()) == held);

			broker.restore();

			await().atMost(Duration.ofSeconds(30)).until(() -> outboxDepth(jdbc) == 0);
			await().atMost(Duration.ofSeconds(3))
				.until(() -> service.scrape().value("outbox_test_outbox_depth", Map.of()) == 0);
			PrometheusScrape after = service.scrape();
			assertThat(after.value("outbox_test_messages_published_total", Map.of())).isEqualTo(held);
			assertThat(after.value("outbox_test_messages_failed_total", Map.of())).isZero();
			assertThat(after.value("outbox_test_outbox_oldest_age_seconds", Map.of())).isZero();
			List<Long> delivered = receiveAll(vhost);
			assertThat(delivered).hasSize(held).doesNotHaveDuplicates();
			assertThat(delivered).containsExactlyInAnyOrderElementsOf(announced);
		}
		finally {
			TestInfrastructure.release(database);
			TestInfrastructure.release(vhost);
		}
	}

	private static boolean refused(ConnectionFactory connections) {
		try {
			connections.createConnection().close();
			return false;
		}
		catch (AmqpException ex) {
			return true;
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
