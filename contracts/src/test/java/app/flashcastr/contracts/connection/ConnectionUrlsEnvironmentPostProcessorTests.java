package app.flashcastr.contracts.connection;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory.AddressShuffleMode;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.context.properties.bind.Binder;
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

	@Test
	void oneRabbitUrlIsTakenAsItIsWithoutShuffling() {
		assertThat(ConnectionUrlsEnvironmentPostProcessor.rabbitProperties("amqp://u:p@r:5672/v"))
			.containsExactly(Map.entry("spring.rabbitmq.addresses", "amqp://u:p@r:5672/v"));
	}

	@Test
	void theShortClusterFormGivesEveryNodeTheCredentialsAndTheVhost() {
		assertThat(ConnectionUrlsEnvironmentPostProcessor
			.rabbitProperties("amqp://flash:s3cret@h1:5701, h2:5702,h3:5703/flashcastr"))
			.containsEntry("spring.rabbitmq.addresses",
					"amqp://flash:s3cret@h1:5701/flashcastr,amqp://flash:s3cret@h2:5702/flashcastr,"
							+ "amqp://flash:s3cret@h3:5703/flashcastr")
			.containsEntry("spring.rabbitmq.address-shuffle-mode", "random");
	}

	@Test
	void aUrlPerNodeIsKeptAndShuffled() {
		assertThat(ConnectionUrlsEnvironmentPostProcessor
			.rabbitProperties("amqp://guest:guest@127.0.0.1:5701,amqp://guest:guest@127.0.0.1:5702"))
			.containsEntry("spring.rabbitmq.addresses",
					"amqp://guest:guest@127.0.0.1:5701,amqp://guest:guest@127.0.0.1:5702")
			.containsEntry("spring.rabbitmq.address-shuffle-mode", "random");
	}

	@Test
	void bareHostsAreTakenAsSpringTakesThem() {
		assertThat(RabbitUrl.parse("h1:5701,h2:5702").addresses()).containsExactly("h1:5701", "h2:5702");
	}

	@Test
	void nodesThatDisagreeOnTheVhostAreAClearErrorWithoutThePassword() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RabbitUrl.parse("amqp://u:secret@h1:5701/a,amqp://u:secret@h2:5702/b"))
			.withMessageContaining("disagree on the vhost")
			.withMessageNotContaining("secret");
		assertThatIllegalArgumentException().isThrownBy(() -> RabbitUrl.parse("http://h1:1,h2:2"))
			.withMessageContaining("amqp://");
	}

	@Test
	void aClusterUrlNeverPrintsItsPassword() {
		assertThat(RabbitUrl.parse("amqp://u:secret@h1:5701,h2:5702/v").toString()).doesNotContain("secret")
			.contains("u:****@h2:5702");
	}

	@Test
	void springReadsTheClusterAddressesFromTheEnvironment() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("RABBITMQ_URL", "amqp://u:p@h1:5701,h2:5702/v")));

		new ConnectionUrlsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

		RabbitProperties rabbit = Binder.get(environment).bindOrCreate("spring.rabbitmq", RabbitProperties.class);
		assertThat(rabbit.determineAddresses()).containsExactly("h1:5701", "h2:5702");
		assertThat(rabbit.determineUsername()).isEqualTo("u");
		assertThat(rabbit.determineVirtualHost()).isEqualTo("v");
		assertThat(rabbit.getAddressShuffleMode()).isEqualTo(AddressShuffleMode.RANDOM);
	}

}
