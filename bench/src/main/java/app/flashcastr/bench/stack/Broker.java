package app.flashcastr.bench.stack;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;

import app.flashcastr.contracts.messaging.AmqpTopologyAutoConfiguration;
import app.flashcastr.contracts.messaging.AmqpTopologyProperties;
import app.flashcastr.contracts.messaging.AmqpTopologyProperties.QueueType;
import app.flashcastr.contracts.messaging.Envelope;
import app.flashcastr.contracts.messaging.EnvelopeCodec;
import app.flashcastr.contracts.messaging.FlashTopology;

/**
 * A connection to a bench vhost: declares the services' topology (from contracts, so the
 * arguments match what the services declare) and publishes envelopes fast, persistent,
 * with publisher confirms in batches.
 */
public final class Broker implements AutoCloseable {

	private static final int CONFIRM_BATCH = 1000;

	private final Connection connection;

	private final Channel channel;

	private final EnvelopeCodec codec = new EnvelopeCodec();

	private final AtomicInteger returned = new AtomicInteger();

	private Broker(Connection connection, Channel channel) {
		this.connection = connection;
		this.channel = channel;
	}

	public static Broker connect(BenchVhost vhost) throws IOException, TimeoutException {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		factory.setPort(5672);
		factory.setUsername("guest");
		factory.setPassword("guest");
		factory.setVirtualHost(vhost.name());
		Connection connection = factory.newConnection("bench");
		Channel channel = connection.createChannel();
		channel.confirmSelect();
		Broker broker = new Broker(connection, channel);
		channel.addReturnListener((ret) -> broker.returned.incrementAndGet());
		return broker;
	}

	/**
	 * Declares the exchanges, queues and bindings exactly as the services do (quorum
	 * queues, default limits), so messages can wait before any service has started.
	 */
	public void declareTopology() throws IOException {
		List<Declarable> topology = AmqpTopologyAutoConfiguration
			.topology(new AmqpTopologyProperties(QueueType.QUORUM, 5, 1_000_000, true, 0));
		for (Declarable declarable : topology) {
			switch (declarable) {
				case Exchange exchange -> this.channel.exchangeDeclare(exchange.getName(), exchange.getType(),
						exchange.isDurable(), exchange.isAutoDelete(), exchange.getArguments());
				case Queue queue -> this.channel.queueDeclare(queue.getName(), queue.isDurable(), queue.isExclusive(),
						queue.isAutoDelete(), queue.getArguments());
				case Binding binding -> this.channel.queueBind(binding.getDestination(), binding.getExchange(),
						binding.getRoutingKey(), binding.getArguments());
				default -> throw new IllegalStateException("unexpected declarable " + declarable);
			}
		}
	}

	/**
	 * Publishes to {@code flashcastr.events} with the type as routing key and the
	 * properties the outbox relay sets; waits for confirms every 1,000 messages.
	 */
	public void publish(List<? extends Envelope<?>> envelopes)
			throws IOException, InterruptedException, TimeoutException {
		Date now = Date.from(Instant.now());
		int sinceConfirm = 0;
		for (Envelope<?> envelope : envelopes) {
			AMQP.BasicProperties properties = MessageProperties.PERSISTENT_BASIC.builder()
				.messageId(envelope.id().toString())
				.type(envelope.type())
				.contentType("application/json")
				.contentEncoding("UTF-8")
				.timestamp(now)
				.headers(Map.of(FlashTopology.VERSION_HEADER, envelope.version()))
				.build();
			this.channel.basicPublish(FlashTopology.EVENTS_EXCHANGE, envelope.type(), true, properties,
					this.codec.encode(envelope));
			if (++sinceConfirm == CONFIRM_BATCH) {
				this.channel.waitForConfirmsOrDie(Duration.ofSeconds(30).toMillis());
				sinceConfirm = 0;
			}
		}
		this.channel.waitForConfirmsOrDie(Duration.ofSeconds(30).toMillis());
		if (this.returned.get() > 0) {
			throw new IllegalStateException(this.returned.get() + " messages were returned as unroutable");
		}
	}

	/** Messages ready in a queue, straight from the broker (no statistics lag). */
	public long ready(String queue) throws IOException {
		return this.channel.queueDeclarePassive(queue).getMessageCount();
	}

	@Override
	public void close() throws IOException {
		this.connection.close();
	}

}
