package app.flashcastr.producer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** Test doubles of time and chance, and the feed simulator's address. */
@TestConfiguration(proxyBeanMethods = false)
public class ProducerTestConfiguration {

	@Bean
	@Primary
	TestClock testClock() {
		return TestClock.atPeakHour();
	}

	@Bean
	@Primary
	ScriptedRandom scriptedRandom() {
		return new ScriptedRandom();
	}

	@Bean
	DynamicPropertyRegistrar feedSimulatorUrl() {
		return (registry) -> registry.add("invaders.bot.feed.base-url", () -> TestFeed.simulator().baseUri());
	}

}
