package app.flashcastr.contracts.schema;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConnectionUrlsEnvironmentPostProcessorTests {

	@Test
	void aRailwayStyleDatabaseUrlBecomesDatasourceProperties() {
		assertThat(ConnectionUrlsEnvironmentPostProcessor
			.datasourceProperties("postgres://flash:p%40ss@db.internal:6543/flashcastr?sslmode=require"))
			.containsEntry("spring.datasource.url", "jdbc:postgresql://db.internal:6543/flashcastr?sslmode=require")
			.containsEntry("spring.datasource.username", "flash")
			.containsEntry("spring.datasource.password", "p@ss");
	}

	@Test
	void aUrlWithoutPasswordOrPortWorks() {
		assertThat(ConnectionUrlsEnvironmentPostProcessor.datasourceProperties("postgresql://postgres@localhost/x"))
			.containsEntry("spring.datasource.url", "jdbc:postgresql://localhost/x")
			.containsEntry("spring.datasource.username", "postgres")
			.doesNotContainKey("spring.datasource.password");
	}

	@Test
	void aJdbcUrlIsTakenAsItIs() {
		assertThat(ConnectionUrlsEnvironmentPostProcessor.datasourceProperties("jdbc:postgresql://h:1/d"))
			.containsExactly(Map.entry("spring.datasource.url", "jdbc:postgresql://h:1/d"));
	}

	@Test
	void anotherSchemeIsAClearError() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConnectionUrlsEnvironmentPostProcessor.datasourceProperties("mysql://h/d"))
			.withMessageContaining("DATABASE_URL must start with postgres://");
	}

	@Test
	void theUpstreamVariablesWinOverApplicationDefaults() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new MapPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("DATABASE_URL", "postgres://u@h/d")));
		environment.getPropertySources()
			.addLast(new MapPropertySource("application.yml",
					Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/flashcastr")));

		new ConnectionUrlsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://h/d");
	}

	@Test
	void explicitSpringPropertiesWinOverTheUpstreamVariables() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("DATABASE_URL", "postgres://u@h/d", "RABBITMQ_URL",
					"amqp://u:p@r:5672/v", "spring.datasource.url", "jdbc:postgresql://explicit/db")));

		new ConnectionUrlsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://explicit/db");
		assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("u");
		assertThat(environment.getProperty("spring.rabbitmq.addresses")).isEqualTo("amqp://u:p@r:5672/v");
	}

}
