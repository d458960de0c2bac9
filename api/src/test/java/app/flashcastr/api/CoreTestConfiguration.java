package app.flashcastr.api;

import java.time.Clock;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistrar;

import app.flashcastr.simulators.neynar.NeynarSimulator;
import app.flashcastr.simulators.neynar.NeynarSimulatorSettings;

/**
 * A fixed clock, a Neynar simulator that knows the seeded users, and a statement counter
 * around the data source.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CoreTestConfiguration {

	@Bean
	@Primary
	Clock fixedClock() {
		return Clock.fixed(Seed.NOW, ZoneOffset.UTC);
	}

	@Bean(destroyMethod = "close")
	NeynarSimulator neynarSimulator() {
		NeynarSimulator simulator = NeynarSimulator.start(NeynarSimulatorSettings.defaults());
		Seed.registerNeynarUsers(simulator);
		return simulator;
	}

	@Bean
	DynamicPropertyRegistrar neynarSimulatorUrl(NeynarSimulator simulator) {
		return (registry) -> {
			registry.add("flashcastr.neynar.base-url", () -> simulator.baseUri().toString());
			registry.add("flashcastr.neynar.api-key", simulator::apiKey);
		};
	}

	@Bean
	StatementCounter statementCounter() {
		return new StatementCounter();
	}

	@Bean
	static BeanPostProcessor countingDataSource(
			org.springframework.beans.factory.ObjectProvider<StatementCounter> counter) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof DataSource dataSource) ? counter.getObject().wrap(dataSource) : bean;
			}
		};
	}

}
