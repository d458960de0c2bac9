package app.flashcastr.testinfra;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How services use this module: a {@code @SpringBootTest} importing
 * {@link RealInfrastructureConfiguration} talks to its own database and vhost.
 */
@SpringBootTest(classes = RealInfrastructureSpringBootTests.Application.class)
@Import(RealInfrastructureConfiguration.class)
class RealInfrastructureSpringBootTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	CachingConnectionFactory connectionFactory;

	@Test
	void datasourceUsesAFreshDatabase() {
		String database = this.jdbc.sql("SELECT current_database()").query(String.class).single();
		Integer tables = this.jdbc.sql("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
			.query(Integer.class)
			.single();

		assertThat(database).startsWith("flashcastr_test_");
		assertThat(tables).isZero();
	}

	@Test
	void rabbitUsesAFreshVhost() {
		TestInfrastructure.requireIsolatedVhosts();
		assertThat(this.connectionFactory.getVirtualHost()).startsWith("flashcastr_test_");
		new RabbitAdmin(this.rabbit).declareQueue(new Queue("spring-boot-check", false, false, true));

		this.rabbit.convertAndSend("spring-boot-check", "hello");

		assertThat(this.rabbit.receiveAndConvert("spring-boot-check", 5000)).isEqualTo("hello");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
