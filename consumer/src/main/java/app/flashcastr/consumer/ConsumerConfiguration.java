package app.flashcastr.consumer;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Time of the consumer, replaceable in tests. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ConsumerConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
