package app.flashcastr.api;

import java.time.Duration;
import java.util.Map;

import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Clients for the running API and assertions on its errors. */
abstract class CoreApiTestSupport {

	protected final int port;

	protected final JdbcClient jdbc;

	protected final HttpGraphQlTester graphQl;

	protected final HttpGraphQlTester authorized;

	protected CoreApiTestSupport(int port, JdbcClient jdbc) {
		this.port = port;
		this.jdbc = jdbc;
		Seed.ensure(jdbc);
		this.graphQl = tester(port, "/graphql");
		this.authorized = this.graphQl.mutate().header("X-API-KEY", Seed.API_KEY).build();
	}

	static HttpGraphQlTester tester(int port, String path) {
		WebTestClient client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port + path)
			.responseTimeout(Duration.ofSeconds(20))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
			.build();
		return HttpGraphQlTester.create(client);
	}

	/** Asserts a single error with this classification, and no internals in it. */
	static void assertClassified(java.util.List<ResponseError> errors, String classification) {
		assertThat(errors).hasSize(1);
		ResponseError error = errors.get(0);
		Map<String, Object> extensions = error.getExtensions();
		assertThat(extensions).containsEntry("classification", classification);
		assertThat(error.getMessage()).doesNotContain("Exception", "SELECT", "\tat ");
	}

}
