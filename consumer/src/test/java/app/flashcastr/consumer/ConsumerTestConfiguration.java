package app.flashcastr.consumer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** Points the consumer at the simulators of this test JVM. */
@TestConfiguration(proxyBeanMethods = false)
public class ConsumerTestConfiguration {

	@Bean
	DynamicPropertyRegistrar simulatorUrls() {
		return (registry) -> {
			registry.add("invaders.consumer.download.base-url", () -> TestWorld.feed().baseUri());
			registry.add("invaders.consumer.ipfs.provider", () -> "kubo");
			registry.add("invaders.consumer.ipfs.kubo-url", () -> TestWorld.ipfs().kuboUri());
		};
	}

}
