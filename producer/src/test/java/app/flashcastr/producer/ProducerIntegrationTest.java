package app.flashcastr.producer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import app.flashcastr.testinfra.RealInfrastructureConfiguration;

/**
 * A producer booted against real PostgreSQL and RabbitMQ (own database and vhost) and the
 * feed simulator, with the schedules off (tests drive the sync), a controllable clock and
 * randomness, and short retry delays.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "invaders.bot.sync.enabled=false", "flashcastr.outbox.enabled=false",
				"invaders.bot.feed.retry-base-delay=20ms", "invaders.bot.feed.max-retry-delay=2s",
				"invaders.bot.feed.read-timeout=1s", "invaders.bot.feed.max-attempts=2",
				"management.tracing.sampling.probability=1.0" })
@Import({ RealInfrastructureConfiguration.class, ProducerTestConfiguration.class })
public @interface ProducerIntegrationTest {

}
