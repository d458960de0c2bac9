package app.flashcastr.testinfra;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import app.flashcastr.testinfra.RealInfrastructureConfiguration.PerContextInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

class RealInfrastructureConfigurationTests {

	@Test
	void registersPropertiesLazilyAndRemovesWhatItCreatedOnDestroy() throws Exception {
		PerContextInfrastructure infrastructure = new PerContextInfrastructure();
		Map<String, Supplier<Object>> properties = new HashMap<>();

		infrastructure.accept(properties::put);

		assertThat(properties).containsKeys("spring.datasource.url", "spring.datasource.username",
				"spring.datasource.password", "spring.rabbitmq.host", "spring.rabbitmq.port",
				"spring.rabbitmq.username", "spring.rabbitmq.password", "spring.rabbitmq.virtual-host");
		String url = (String) properties.get("spring.datasource.url").get();
		String vhostName = (String) properties.get("spring.rabbitmq.virtual-host").get();
		IsolatedDatabase database = infrastructure.database();
		IsolatedVhost vhost = infrastructure.vhost();
		assertThat(url).isEqualTo(database.jdbcUrl());
		assertThat(vhostName).isEqualTo(vhost.name());
		assertThat(TestInfrastructureTests.databaseExists(database.name())).isTrue();

		infrastructure.destroy();

		assertThat(TestInfrastructureTests.databaseExists(database.name())).isFalse();
		assertThat(PostgresAdmin.isPending(database)).isFalse();
		assertThat(VhostAdmin.isPending(vhost)).isFalse();
	}

	@Test
	void createsNothingWhenNoPropertyIsRead() {
		PerContextInfrastructure infrastructure = new PerContextInfrastructure();
		infrastructure.accept((name, value) -> {
		});

		infrastructure.destroy();
	}

	@Nested
	@SpringJUnitConfig(RealInfrastructureConfiguration.class)
	class InASpringTestContext {

		@Autowired
		Environment environment;

		@Test
		void contextSeesAFreshDatabaseAndVhost() throws SQLException {
			TestInfrastructure.requireIsolatedVhosts();
			String url = this.environment.getProperty("spring.datasource.url");
			String vhost = this.environment.getProperty("spring.rabbitmq.virtual-host");

			assertThat(url).contains("/flashcastr_test_");
			assertThat(vhost).startsWith("flashcastr_test_");
			String name = url.substring(url.lastIndexOf('/') + 1);
			assertThat(TestInfrastructureTests.databaseExists(name)).isTrue();
			assertThat(this.environment.getProperty("spring.rabbitmq.port", Integer.class))
				.isEqualTo(TestInfrastructure.rabbit().port());
		}

	}

}
