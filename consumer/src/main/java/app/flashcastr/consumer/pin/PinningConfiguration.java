package app.flashcastr.consumer.pin;

import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link IpfsPinner} of {@code invaders.consumer.ipfs.provider}. */
@Configuration(proxyBeanMethods = false)
class PinningConfiguration {

	@Bean
	IpfsPinner ipfsPinner(IpfsProperties ipfs, ObjectProvider<Tracer> tracer) {
		Tracer spans = tracer.getIfAvailable(() -> Tracer.NOOP);
		return switch (ipfs.provider()) {
			case PINATA -> new PinataPinner(ipfs, spans);
			case KUBO -> new KuboPinner(ipfs, spans);
		};
	}

}
