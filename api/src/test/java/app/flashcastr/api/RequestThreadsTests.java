package app.flashcastr.api;

import java.time.Duration;
import java.util.Map;

import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GraphQL requests run on Tomcat's pool of platform threads, as many as the database
 * connections: a virtual thread per request parked and woke through the JDK's poller on
 * every JDBC read (docs/benchmarks.md, "Session 16").
 */
@CoreApiTest
class RequestThreadsTests {

	private final WebServerApplicationContext context;

	private final RestClient http;

	RequestThreadsTests(WebServerApplicationContext context, @LocalServerPort int port) {
		this.context = context;
		this.http = RestClient.create("http://127.0.0.1:" + port);
	}

	@Test
	void theGraphQlPortServesFromTomcatsBoundedPoolOfPlatformThreads() {
		Object executor = ((TomcatWebServer) this.context.getWebServer()).getTomcat()
			.getConnector()
			.getProtocolHandler()
			.getExecutor();

		assertThat(executor).isInstanceOf(ThreadPoolExecutor.class);
		ThreadPoolExecutor pool = (ThreadPoolExecutor) executor;
		assertThat(pool.getMaximumPoolSize()).isEqualTo(16);
		long served = pool.getCompletedTaskCount();
		Map<String, Object> answer = this.http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("query", "{ __typename }"))
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(answer).containsEntry("data", Map.of("__typename", "Query"));
		// The pool counts a task once the response is written: the answer can arrive
		// first.
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(pool.getCompletedTaskCount()).isGreaterThan(served));
	}

}
