package app.flashcastr.outbox;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import app.flashcastr.contracts.messaging.Envelope;
import app.flashcastr.contracts.messaging.FlashReceived;
import app.flashcastr.contracts.messaging.FlashTopology;
import app.flashcastr.contracts.messaging.MessageType;
import app.flashcastr.testinfra.IsolatedDatabase;
import app.flashcastr.testinfra.IsolatedVhost;
import app.flashcastr.testinfra.PrometheusScrape;

/**
 * A service with nothing but the outbox: PostgreSQL (with the shared schema), RabbitMQ
 * with publisher confirms as the services configure it, metrics and tracing, on a given
 * database and broker address (a port of a cuttable proxy, for outage tests).
 */
final class OutboxInstance implements AutoCloseable {

	private static final AtomicLong NEXT_FLASH_ID = new AtomicLong(1);

	private final ConfigurableApplicationContext context;

	private OutboxInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static OutboxInstance start(IsolatedDatabase database, IsolatedVhost vhost, int rabbitPort,
			Map<String, Object> overrides) {
		Map<String, Object> properties = new HashMap<>();
		properties.putAll(database.springProperties());
		properties.putAll(vhost.springProperties(rabbitPort));
		// As the producer and the consumer publish: confirms and returns.
		properties.put("spring.rabbitmq.publisher-confirm-type", "correlated");
		properties.put("spring.rabbitmq.publisher-returns", true);
		properties.put("spring.main.web-application-type", "none");
		properties.put("spring.main.banner-mode", "off");
		properties.put("flashcastr.observability.metric-prefix", "outbox_test");
		// Drained by the test unless it turns polling on.
		properties.put("flashcastr.outbox.enabled", false);
		properties.put("management.tracing.sampling.probability", 1.0);
		properties.putAll(overrides);
		String[] arguments = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		return new OutboxInstance(new SpringApplicationBuilder(Service.class).run(arguments));
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/**
	 * Writes flash-received messages for new flash ids in one transaction, as a service
	 * does beside the rows it announces.
	 * @return the flash ids announced
	 */
	List<Long> announce(int count) {
		List<Long> flashIds = java.util.stream.LongStream.range(0, count)
			.map((i) -> NEXT_FLASH_ID.getAndIncrement())
			.boxed()
			.toList();
		List<Envelope<FlashReceived>> envelopes = flashIds.stream()
			.map((id) -> Envelope.of(MessageType.FLASH_RECEIVED, Instant.now(), "outbox-test",
					Envelope.correlationIdOf(id),
					new FlashReceived(id, "https://example.test/" + id + ".png", "Paris", "PA_" + id, "player",
							1_700_000_000L, "1", Instant.now())))
			.toList();
		bean(TransactionTemplate.class)
			.executeWithoutResult((status) -> bean(Outbox.class).enqueue(FlashTopology.EVENTS_EXCHANGE, envelopes));
		return flashIds;
	}

	/** The service's metrics as Prometheus would scrape them. */
	PrometheusScrape scrape() {
		return PrometheusScrape.parse(bean(PrometheusMeterRegistry.class).scrape());
	}

	@Override
	public void close() {
		this.context.close();
	}

	/** Auto-configuration only: the outbox, its relay and the shared topology. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Service {

	}

}
