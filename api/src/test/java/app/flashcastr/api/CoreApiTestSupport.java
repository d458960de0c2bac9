package app.flashcastr.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

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

	/**
	 * Runs the call on that many threads released at once, so they overlap.
	 * @return each thread's result
	 */
	static <T> List<T> concurrently(int callers, Supplier<T> call) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<T>> futures = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(callers)) {
			for (int i = 0; i < callers; i++) {
				futures.add(CompletableFuture.supplyAsync(() -> {
					try {
						start.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					return call.get();
				}, executor));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (CompletableFuture<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
	}

}
