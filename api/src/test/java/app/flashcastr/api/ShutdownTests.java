package app.flashcastr.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import app.flashcastr.testinfra.IsolatedDatabase;
import app.flashcastr.testinfra.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API closes well within the devstack's 10 s of grace: with the usage gauges running
 * and a client keeping its connections to both ports alive, as after a GraphiQL session.
 */
class ShutdownTests {

	private final IsolatedDatabase database = TestInfrastructure.newDatabase();

	@AfterEach
	void release() {
		TestInfrastructure.release(this.database);
	}

	@Test
	void closesWithinFiveSecondsWithKeptAliveConnections() throws Exception {
		ConfigurableApplicationContext api = new SpringApplicationBuilder(ApiApplication.class).run("--server.port=0",
				"--management.server.port=0", "--spring.datasource.url=" + this.database.jdbcUrl(),
				"--spring.datasource.username=" + this.database.username(),
				"--spring.datasource.password=" + this.database.password(),
				"--flashcastr.api.metrics.gauges-enabled=true", "--spring.main.banner-mode=off");
		int port = Integer.parseInt(api.getEnvironment().getRequiredProperty("local.server.port"));
		int managementPort = Integer.parseInt(api.getEnvironment().getRequiredProperty("local.management.port"));
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		assertThat(client
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ getAllCities }\"}"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(200);
		assertThat(client
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode()).isEqualTo(200);

		CompletableFuture<Void> closing = CompletableFuture.runAsync(api::close);

		await().atMost(Duration.ofSeconds(5)).until(closing::isDone);
		assertThat(api.isActive()).isFalse();
	}

}
