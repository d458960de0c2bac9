package app.flashcastr.contracts.messaging;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import app.flashcastr.contracts.messaging.AmqpTopologyProperties.QueueType;
import app.flashcastr.testinfra.IsolatedVhost;
import app.flashcastr.testinfra.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared topology declared on a real RabbitMQ vhost: routing, queue type, and
 * dead-lettering.
 */
class TopologyTests {

	private final IsolatedVhost vhost = TestInfrastructure.newVhost();

	private final CachingConnectionFactory connectionFactory = connectionFactory(this.vhost);

	@AfterEach
	void release() {
		this.connectionFactory.destroy();
		TestInfrastructure.release(this.vhost);
	}

	@Test
	void flashEventsReachTheirQueuesAndRejectedOnesReachTheDeadLetterQueue() throws Exception {
		RabbitAdmin admin = new RabbitAdmin(this.connectionFactory);
		AmqpTopologyAutoConfiguration.topology(new AmqpTopologyProperties(QueueType.QUORUM, 5, 1000000, true))
			.forEach((declarable) -> declare(admin, declarable));
		RabbitTemplate template = new RabbitTemplate(this.connectionFactory);

		template.send(FlashTopology.EVENTS_EXCHANGE, "flash.received", message("a"));
		template.send(FlashTopology.EVENTS_EXCHANGE, "flash.pinned", message("b"));

		assertThat(body(template.receive(FlashTopology.CONSUMER_QUEUE, 5000))).isEqualTo("a");
		assertThat(body(template.receive(FlashTopology.CASTING_QUEUE, 5000))).isEqualTo("b");
		assertThat(queueJson(FlashTopology.CONSUMER_QUEUE)).contains("\"type\":\"quorum\"")
			.contains("\"x-delivery-limit\":5")
			.contains("\"x-dead-letter-exchange\":\"flashcastr.dlx\"")
			.contains("\"x-overflow\":\"reject-publish\"");

		template.send(FlashTopology.EVENTS_EXCHANGE, "flash.received", message("poison"));
		// A quorum queue commits the publish through Raft first, so the get may come up
		// empty until it has.
		await().atMost(Duration.ofSeconds(10)).until(() -> template.execute((channel) -> {
			var delivery = channel.basicGet(FlashTopology.CONSUMER_QUEUE, false);
			if (delivery == null) {
				return false;
			}
			channel.basicReject(delivery.getEnvelope().getDeliveryTag(), false);
			return true;
		}));
		assertThat(body(template.receive(FlashTopology.DEAD_LETTER_QUEUE, 5000))).isEqualTo("poison");
	}

	@Test
	void theClassicVariantForTheEmbeddedBrokerDeclaresNoQueueArguments() {
		AmqpTopologyAutoConfiguration.topology(new AmqpTopologyProperties(QueueType.CLASSIC, 5, 1000000, true))
			.stream()
			.filter(org.springframework.amqp.core.Queue.class::isInstance)
			.map(org.springframework.amqp.core.Queue.class::cast)
			.forEach((queue) -> assertThat(queue.getArguments()).as(queue.getName()).isEmpty());
	}

	private static void declare(RabbitAdmin admin, org.springframework.amqp.core.Declarable declarable) {
		switch (declarable) {
			case org.springframework.amqp.core.Exchange exchange -> admin.declareExchange(exchange);
			case org.springframework.amqp.core.Queue queue -> admin.declareQueue(queue);
			case org.springframework.amqp.core.Binding binding -> admin.declareBinding(binding);
			default -> throw new IllegalStateException("unexpected " + declarable);
		}
	}

	private String queueJson(String queue) throws Exception {
		String auth = Base64.getEncoder()
			.encodeToString((this.vhost.username() + ":" + this.vhost.password()).getBytes(StandardCharsets.UTF_8));
		URI uri = URI.create("http://" + this.vhost.host() + ":" + this.vhost.managementPort() + "/api/queues/"
				+ URLEncoder.encode(this.vhost.name(), StandardCharsets.UTF_8) + "/" + queue);
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri).header("Authorization", "Basic " + auth).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static Message message(String body) {
		return MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8)).build();
	}

	private static String body(Message message) {
		assertThat(message).isNotNull();
		return new String(message.getBody(), StandardCharsets.UTF_8);
	}

	private static CachingConnectionFactory connectionFactory(IsolatedVhost vhost) {
		CachingConnectionFactory factory = new CachingConnectionFactory(vhost.host(), vhost.port());
		factory.setUsername(vhost.username());
		factory.setPassword(vhost.password());
		factory.setVirtualHost(vhost.name());
		return factory;
	}

}
