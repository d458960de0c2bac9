package app.flashcastr.consumer.pin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import app.flashcastr.consumer.ConsumerProperties;

/** The {@link IpfsPinner} of {@code invaders.consumer.ipfs.provider}. */
@Configuration(proxyBeanMethods = false)
class PinningConfiguration {

	@Bean
	IpfsPinner ipfsPinner(ConsumerProperties properties, RestClient.Builder restClientBuilder) {
		return switch (properties.ipfs().provider()) {
			case PINATA -> new PinataPinner(properties, restClientBuilder);
			case KUBO -> new KuboPinner(properties, restClientBuilder);
		};
	}

}
