package app.flashcastr.consumer.deadletter;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.flashcastr.contracts.messaging.DeadLetterRedrive;
import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * The shared redrive on the consumer's confirming template, counted as
 * {@code invaders_consumer_redriven_total{reason}}.
 */
@Configuration(proxyBeanMethods = false)
class RedriveConfiguration {

	@Bean
	DeadLetterRedrive deadLetterRedrive(RabbitTemplate rabbitTemplate, ServiceMeters meters) {
		return new DeadLetterRedrive(rabbitTemplate,
				(reason) -> meters.counter("redriven", "Dead letters moved back to flashcastr.events", "reason", reason)
					.increment());
	}

}
