package app.flashcastr.producer.cast;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.flashcastr.contracts.messaging.DeadLetters;
import app.flashcastr.neynar.NeynarProperties;
import app.flashcastr.observability.metrics.ServiceMeters;

/** Neynar settings (shared with the API) and the dead-letter path of pinned events. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NeynarProperties.class)
class CastConfiguration {

	@Bean
	DeadLetters deadLetters(RabbitTemplate rabbitTemplate, ServiceMeters meters) {
		return new DeadLetters(rabbitTemplate,
				(reason) -> meters.counter("dead_lettered", "Messages dead-lettered, by reason", "reason", reason)
					.increment());
	}

}
