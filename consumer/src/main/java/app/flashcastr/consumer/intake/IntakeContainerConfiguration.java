package app.flashcastr.consumer.intake;

import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How long the listener container gathers a batch: a partial batch goes to work after
 * {@code batchWait} instead of Spring AMQP's 1 s receive timeout per message.
 */
@Configuration(proxyBeanMethods = false)
class IntakeContainerConfiguration {

	@Bean
	ContainerCustomizer<SimpleMessageListenerContainer> intakeBatchWait(IntakeProperties settings) {
		long millis = Math.max(1, settings.batchWait().toMillis());
		return (container) -> {
			container.setReceiveTimeout(millis);
			container.setBatchReceiveTimeout(millis);
		};
	}

}
