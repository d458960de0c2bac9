package app.flashcastr.consumer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import app.flashcastr.testinfra.RealInfrastructureConfiguration;

/**
 * A consumer booted against real PostgreSQL and RabbitMQ (own database and vhost), the
 * feed simulator for images and the Kubo simulator for pins, with short breaker and retry
 * timings so outages play out in seconds.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// 2 x 8 messages in hand at most, so an outage of a few dozen flashes leaves most
		// waiting in the queue.
		properties = { "spring.rabbitmq.listener.simple.concurrency=2",
				"spring.rabbitmq.listener.simple.max-concurrency=2", "spring.rabbitmq.listener.simple.batch-size=4",
				"spring.rabbitmq.listener.simple.prefetch=8", "invaders.consumer.breaker.minimum-calls=4",
				"invaders.consumer.breaker.open-duration=1s", "invaders.consumer.breaker.sliding-window=5s",
				"invaders.consumer.hold.base-delay=20ms", "invaders.consumer.hold.max-delay=200ms",
				"invaders.consumer.download.retry-base-delay=20ms", "invaders.consumer.download.read-timeout=2s",
				"invaders.consumer.ipfs.timeout=2s", "flashcastr.outbox.poll-interval=200ms",
				"management.tracing.sampling.probability=1.0",
				"flashcastr.management.token=" + ConsumerIntegrationTest.MANAGEMENT_TOKEN })
@Import({ RealInfrastructureConfiguration.class, ConsumerTestConfiguration.class })
public @interface ConsumerIntegrationTest {

	/**
	 * The management token of the consumer under test (writes on the actuator need it).
	 */
	String MANAGEMENT_TOKEN = "test-management-token";

}
