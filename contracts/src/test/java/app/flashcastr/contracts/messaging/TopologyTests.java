package app.flashcastr.contracts.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import app.flashcastr.contracts.messaging.AmqpTopologyProperties.QueueType;
import app.flashcastr.testinfra.IsolatedVhost;
import app.flashcastr.testinfra.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
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
	void aServiceDeclaresTheTopologyAtStartUpUnlessToldNotTo() {
		ApplicationContextRunner contexts = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AmqpTopologyAutoConfiguration.class));

		// Read when the bean is made, not in a condition: Spring AOT fixes conditions at
		// build time.
		contexts.withPropertyValues("flashcastr.amqp.declare=false")
			.run((context) -> assertThat(context.getBean(Declarables.class).getDeclarables()).isEmpty());
		contexts.run((context) -> assertThat(context.getBean(Declarables.class).getDeclarables()).hasSize(8));
	}

	@Test
	void flashEventsReachTheirQueuesAndRejectedOnesReachTheDeadLetterQueue() throws Exception {
		RabbitAdmin admin = new RabbitAdmin(this.connectionFactory);
		List<Declarable> topology = AmqpTopologyAutoConfiguration
			.topology(new AmqpTopologyProperties(QueueType.QUORUM, 5, 1000000, true, 0));
		topology.forEach((declarable) -> declare(admin, declarable));
		RabbitTemplate template = new RabbitTemplate(this.connectionFactory);

		template.send(FlashTopology.EVENTS_EXCHANGE, "flash.received", message("a"));
		template.send(FlashTopology.EVENTS_EXCHANGE, "flash.pinned", message("b"));

		assertThat(body(template.receive(FlashTopology.CONSUMER_QUEUE, 5000))).isEqualTo("a");
		assertThat(body(template.receive(FlashTopology.CASTING_QUEUE, 5000))).isEqualTo("b");
		Queue consumerQueue = topology.stream()
			.filter(Queue.class::isInstance)
			.map(Queue.class::cast)
			.filter((queue) -> queue.getName().equals(FlashTopology.CONSUMER_QUEUE))
			.findFirst()
			.orElseThrow();
		assertThat(consumerQueue.getArguments()).containsEntry("x-queue-type", "quorum")
			.containsEntry("x-delivery-limit", 5)
			.containsEntry("x-dead-letter-exchange", "flashcastr.dlx")
			.containsEntry("x-overflow", "reject-publish");
		assertBrokerHolds(template, consumerQueue);

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
		AmqpTopologyAutoConfiguration.topology(new AmqpTopologyProperties(QueueType.CLASSIC, 5, 1000000, true, 0))
			.stream()
			.filter(Queue.class::isInstance)
			.map(Queue.class::cast)
			.forEach((queue) -> assertThat(queue.getArguments()).as(queue.getName()).isEmpty());
	}

	private static void declare(RabbitAdmin admin, Declarable declarable) {
		switch (declarable) {
			case org.springframework.amqp.core.Exchange exchange -> admin.declareExchange(exchange);
			case Queue queue -> admin.declareQueue(queue);
			case org.springframework.amqp.core.Binding binding -> admin.declareBinding(binding);
			default -> throw new IllegalStateException("unexpected " + declarable);
		}
	}

	/**
	 * The broker holds the queue with exactly these arguments, read back without the
	 * management plugin: it accepts a redeclaration with them and refuses one with
	 * another delivery limit.
	 */
	private static void assertBrokerHolds(RabbitTemplate template, Queue queue) {
		template.execute((channel) -> channel.queueDeclare(queue.getName(), queue.isDurable(), queue.isExclusive(),
				queue.isAutoDelete(), queue.getArguments()));
		Map<String, Object> otherLimit = new HashMap<>(queue.getArguments());
		otherLimit.put("x-delivery-limit", 6);
		assertThatException()
			.isThrownBy(() -> template.execute((channel) -> channel.queueDeclare(queue.getName(), queue.isDurable(),
					queue.isExclusive(), queue.isAutoDelete(), otherLimit)))
			.withStackTraceContaining("PRECONDITION_FAILED")
			.withStackTraceContaining("x-delivery-limit");
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
