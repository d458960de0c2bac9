package app.flashcastr.producer;

import java.time.Clock;
import java.util.random.RandomGenerator;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Shared infrastructure beans of the producer: time, randomness (both replaceable in
 * tests), the wire codec.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ProducerConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	RandomGenerator random() {
		return RandomGenerator.getDefault();
	}

}
