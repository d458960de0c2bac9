package app.flashcastr.consumer.intake;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.flashcastr.contracts.messaging.DeadLetters;

/** The shared dead-letter publisher, counted in the consumer's dead-letter metric. */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

	@Bean
	DeadLetters deadLetters(RabbitTemplate rabbitTemplate, IntakeMetrics metrics) {
		return new DeadLetters(rabbitTemplate, metrics::deadLettered);
	}

}
