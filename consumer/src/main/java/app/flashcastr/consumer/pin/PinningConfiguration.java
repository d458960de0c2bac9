package app.flashcastr.consumer.pin;

import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.flashcastr.consumer.ConsumerProperties;

/** The {@link IpfsPinner} of {@code invaders.consumer.ipfs.provider}. */
@Configuration(proxyBeanMethods = false)
class PinningConfiguration {

	@Bean
	IpfsPinner ipfsPinner(ConsumerProperties properties, ObjectProvider<Tracer> tracer) {
		Tracer spans = tracer.getIfAvailable(() -> Tracer.NOOP);
		return switch (properties.ipfs().provider()) {
			case PINATA -> new PinataPinner(properties, spans);
			case KUBO -> new KuboPinner(properties, spans);
		};
	}

}
