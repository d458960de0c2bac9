package app.flashcastr.contracts.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import app.flashcastr.contracts.messaging.DeadLetterRedrive.Request;
import app.flashcastr.contracts.messaging.DeadLetterRedrive.Result;
import app.flashcastr.testinfra.IsolatedVhost;
import app.flashcastr.testinfra.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The redrive against a real RabbitMQ, on quorum queues as in production and on names of
 * its own (so it stays isolated even on a shared vhost): dead letters made by a service
 * (reason header) and by the broker (x-death).
 */
class DeadLetterRedriveTests {

	private static final String RECEIVED = MessageType.FLASH_RECEIVED.name();

	private static final String PINNED = MessageType.FLASH_PINNED.name();

	private final IsolatedVhost vhost = TestInfrastructure.newVhost();

	private final CachingConnectionFactory connectionFactory = connectionFactory(this.vhost);

	private final RabbitTemplate template = template(this.connectionFactory);

	private final String suffix = UUID.randomUUID().toString().substring(0, 8);

	private final String events = "test.events." + this.suffix;

	private final String deadLetterExchange = "test.dlx." + this.suffix;

	private final String work = "test.work." + this.suffix;

	private final String pinned = "test.pinned." + this.suffix;

	private final String deadLetters = "test.dead-letters." + this.suffix;

	private final List<String> redriven = new CopyOnWriteArrayList<>();

	private DeadLetterRedrive redrive;

	private RabbitAdmin admin;

	@BeforeEach
	void declare() {
		this.admin = new RabbitAdmin(this.connectionFactory);
		TopicExchange eventsExchange = new TopicExchange(this.events, false, true);
		TopicExchange dlx = new TopicExchange(this.deadLetterExchange, false, true);
		Queue workQueue = new Queue(this.work, true, false, false, Map.of("x-queue-type", "quorum"));
		Queue pinnedQueue = new Queue(this.pinned, true, false, false,
				Map.of("x-queue-type", "quorum", "x-dead-letter-exchange", this.deadLetterExchange));
		Queue deadLetterQueue = new Queue(this.deadLetters, true, false, false, Map.of("x-queue-type", "quorum"));
		this.admin.declareExchange(eventsExchange);
		this.admin.declareExchange(dlx);
		this.admin.declareQueue(workQueue);
		this.admin.declareQueue(pinnedQueue);
		this.admin.declareQueue(deadLetterQueue);
		declare(BindingBuilder.bind(workQueue).to(eventsExchange).with(RECEIVED));
		declare(BindingBuilder.bind(pinnedQueue).to(eventsExchange).with(PINNED));
		declare(BindingBuilder.bind(deadLetterQueue).to(dlx).with("#"));
		this.redrive = new DeadLetterRedrive(this.template, this.deadLetters, this.events, this.redriven::add);
	}

	@AfterEach
	void release() {
		for (String queue : List.of(this.work, this.pinned, this.deadLetters)) {
			this.admin.deleteQueue(queue);
		}
		this.admin.deleteExchange(this.events);
		this.admin.deleteExchange(this.deadLetterExchange);
		this.connectionFactory.destroy();
		TestInfrastructure.release(this.vhost);
	}

	@Test
	void aDryRunCountsByReasonAndTypeAndMovesNothing() {
		deadLetter("a", RECEIVED, "ipfs_error");
		deadLetter("b", RECEIVED, "not_found");
		deadLetter("c", RECEIVED, "ipfs_error");
		deadLetterByTheBroker("d");
		awaitDepth(this.deadLetters, 4);

		DeadLetterRedrive.Census census = this.redrive.census();
		Result dryRun = this.redrive.redrive(new Request(10, "ipfs_error", null, true));

		assertThat(census.total()).isEqualTo(4);
		assertThat(census.byReason())
			.containsExactlyInAnyOrderEntriesOf(Map.of("ipfs_error", 2L, "not_found", 1L, "rejected", 1L));
		assertThat(census.byType()).containsExactlyInAnyOrderEntriesOf(Map.of(RECEIVED, 3L, PINNED, 1L));
		assertThat(dryRun.dryRun()).isTrue();
		assertThat(dryRun.moved()).as("would move").isEqualTo(2);
		assertThat(dryRun.skipped()).isEqualTo(2);
		assertThat(dryRun.remaining()).isEqualTo(4);
		assertThat(this.redriven).isEmpty();
		assertThat(depth(this.work)).isZero();
		// Nothing moved, and the order is what it was.
		assertThat(drain(this.deadLetters)).containsExactly("a", "b", "c", "d");
	}

	@Test
	void aRedriveMovesExactlyTheLimitBackWithItsTypeAndARedriveCount() {
		for (int i = 1; i <= 5; i++) {
			deadLetter("m" + i, RECEIVED, "ipfs_error");
		}
		awaitDepth(this.deadLetters, 5);

		Result result = this.redrive.redrive(new Request(3, null, null, false));

		assertThat(result.moved()).isEqualTo(3);
		assertThat(result.failed()).isZero();
		assertThat(result.remaining()).isEqualTo(2);
		assertThat(result.movedByReason()).containsExactlyEntriesOf(Map.of("ipfs_error", 3L));
		assertThat(this.redriven).containsExactly("ipfs_error", "ipfs_error", "ipfs_error");
		awaitDepth(this.work, 3);
		List<Message> back = receiveAll(this.work);
		assertThat(back).extracting(DeadLetterRedriveTests::body).containsExactly("m1", "m2", "m3");
		assertThat(back).allSatisfy((message) -> {
			assertThat(message.getMessageProperties().getHeaders())
				.doesNotContainKeys(FlashTopology.DEATH_REASON_HEADER, FlashTopology.DEATH_DETAIL_HEADER, "x-death")
				.containsEntry(DeadLetterRedrive.REDRIVEN_HEADER, 1L);
			assertThat(message.getMessageProperties().getMessageId()).startsWith("id-");
		});
		assertThat(drain(this.deadLetters)).containsExactly("m4", "m5");
	}

	@Test
	void aReasonFilterMovesOnlyMatchingOnesAndTheRestStayInOrder() {
		deadLetter("a", RECEIVED, "ipfs_error");
		deadLetter("b", RECEIVED, "not_found");
		deadLetter("c", RECEIVED, "ipfs_error");
		deadLetter("d", RECEIVED, "not_found");
		deadLetterByTheBroker("e");
		awaitDepth(this.deadLetters, 5);

		Result ipfs = this.redrive.redrive(new Request(10, "ipfs_error", null, false));
		Result rejected = this.redrive.redrive(new Request(10, "rejected", null, false));

		assertThat(ipfs.moved()).isEqualTo(2);
		assertThat(ipfs.skipped()).isEqualTo(3);
		assertThat(rejected.moved()).isEqualTo(1);
		awaitDepth(this.work, 2);
		assertThat(drain(this.work)).containsExactly("a", "c");
		// The broker's own dead letter goes back to the queue it died in.
		awaitDepth(this.pinned, 1);
		assertThat(drain(this.pinned)).containsExactly("e");
		assertThat(drain(this.deadLetters)).containsExactly("b", "d");
	}

	@Test
	void aRedrivenMessageThatDiesAgainCountsItsRedrives() {
		deadLetter("again", RECEIVED, "ipfs_error");
		awaitDepth(this.deadLetters, 1);
		this.redrive.redrive(new Request(1, null, null, false));
		awaitDepth(this.work, 1);
		Message back = receiveAll(this.work).get(0);
		back.getMessageProperties().setHeader(FlashTopology.DEATH_REASON_HEADER, "ipfs_error");
		sendConfirmed(this.deadLetterExchange, RECEIVED, back);
		awaitDepth(this.deadLetters, 1);

		this.redrive.redrive(new Request(1, null, null, false));

		awaitDepth(this.work, 1);
		assertThat(receiveAll(this.work).get(0).getMessageProperties().getHeaders())
			.containsEntry(DeadLetterRedrive.REDRIVEN_HEADER, 2L);
	}

	@Test
	void aDeadLetterWithNowhereToGoStaysADeadLetter() {
		deadLetter("lost", "unknown", "malformed_json");
		deadLetter("fine", RECEIVED, "malformed_json");
		awaitDepth(this.deadLetters, 2);

		Result result = this.redrive.redrive(new Request(10, null, null, false));

		assertThat(result.moved()).isEqualTo(1);
		assertThat(result.failed()).isEqualTo(1);
		awaitDepth(this.work, 1);
		assertThat(drain(this.deadLetters)).containsExactly("lost");
	}

	/** As {@link DeadLetters} does: to the dead-letter exchange with a reason. */
	private void deadLetter(String body, String type, String reason) {
		Message message = MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
			.setMessageId("id-" + body)
			.setHeader(FlashTopology.DEATH_REASON_HEADER, reason)
			.setHeader(FlashTopology.DEATH_DETAIL_HEADER, "failed on purpose")
			.build();
		sendConfirmed(this.deadLetterExchange, type, message);
	}

	/** Confirmed one by one, so the queue holds them in the order sent. */
	private void sendConfirmed(String exchange, String routingKey, Message message) {
		CorrelationData correlation = new CorrelationData();
		this.template.send(exchange, routingKey, message, correlation);
		try {
			assertThat(correlation.getFuture().get(10, TimeUnit.SECONDS).ack()).isTrue();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A rejected message the queue's own dead-lettering takes (x-death, no reason). */
	private void deadLetterByTheBroker(String body) {
		sendConfirmed(this.events, PINNED,
				MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8)).setMessageId("id-" + body).build());
		await().atMost(Duration.ofSeconds(10)).until(() -> this.template.execute((channel) -> {
			var delivery = channel.basicGet(this.pinned, false);
			if (delivery == null) {
				return false;
			}
			channel.basicReject(delivery.getEnvelope().getDeliveryTag(), false);
			return true;
		}));
	}

	private void awaitDepth(String queue, long depth) {
		await().atMost(Duration.ofSeconds(10)).until(() -> depth(queue) == depth);
	}

	private long depth(String queue) {
		return this.template.execute((channel) -> channel.messageCount(queue));
	}

	private List<Message> receiveAll(String queue) {
		List<Message> messages = new ArrayList<>();
		Message message;
		while ((message = this.template.receive(queue, 1000)) != null) {
			messages.add(message);
		}
		return messages;
	}

	private List<String> drain(String queue) {
		return receiveAll(queue).stream().map(DeadLetterRedriveTests::body).toList();
	}

	private void declare(Binding binding) {
		this.admin.declareBinding(binding);
	}

	private static String body(Message message) {
		return new String(message.getBody(), StandardCharsets.UTF_8);
	}

	private static CachingConnectionFactory connectionFactory(IsolatedVhost vhost) {
		CachingConnectionFactory factory = new CachingConnectionFactory(vhost.host(), vhost.port());
		factory.setUsername(vhost.username());
		factory.setPassword(vhost.password());
		factory.setVirtualHost(vhost.name());
		factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
		factory.setPublisherReturns(true);
		return factory;
	}

	private static RabbitTemplate template(CachingConnectionFactory factory) {
		RabbitTemplate template = new RabbitTemplate(factory);
		template.setMandatory(true);
		return template;
	}

}
