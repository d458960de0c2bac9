package app.flashcastr.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestConstructor;

import app.flashcastr.testinfra.RealInfrastructureConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole-answer cache in front of GraphQL execution, on its own seeded database: a
 * repeated read query runs no SQL, a new flash still shows once the answer expires,
 * variables are part of the key, a mutation drops kept answers, errors are never kept and
 * concurrent identical queries execute once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "flashcastr.api.api-key=" + Seed.API_KEY,
				"flashcastr.api.metrics.gauges-enabled=false", "flashcastr.api.cache.query-result-ttl=5s" })
@Import({ RealInfrastructureConfiguration.class, CoreTestConfiguration.class })
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class QueryResultCacheTests extends CoreApiTestSupport {

	private final MeterRegistry registry;

	private final StatementCounter statements;

	QueryResultCacheTests(@LocalServerPort int port, JdbcClient jdbc, MeterRegistry registry,
			StatementCounter statements) {
		super(port, jdbc);
		this.registry = registry;
		this.statements = statements;
	}

	@Test
	void aRepeatedQueryRunsNoSqlAndANewFlashShowsOnceTheAnswerExpires() {
		String query = "query BobFlashes { globalFlashes(player: \"BobPlayer\", limit: 50) { flash_id city } }";
		double hits = count("flashcastr_api_cache_hits");
		double misses = count("flashcastr_api_cache_misses");
		double requests = requests("BobFlashes");
		List<String> first = ids(query);
		assertThat(first).containsExactlyInAnyOrder("6", "7", "8", "9");
		this.statements.reset();
		assertThat(ids(query)).isEqualTo(first);
		assertThat(this.statements.count()).isZero();
		assertThat(count("flashcastr_api_cache_hits") - hits).isEqualTo(1);
		assertThat(count("flashcastr_api_cache_misses") - misses).isEqualTo(1);
		// Answers from memory still count as GraphQL requests.
		assertThat(requests("BobFlashes") - requests).isEqualTo(2);
		try {
			this.jdbc
				.sql("INSERT INTO flashes (flash_id, city, player, img, ipfs_cid, text, timestamp, flash_count) "
						+ "VALUES (990002, 'Paris', 'BobPlayer', '/img/990002.png', '', 'probe', now(), '1')")
				.update();
			await().atMost(Duration.ofSeconds(20)).until(() -> ids(query).contains("990002"));
		}
		finally {
			this.jdbc.sql("DELETE FROM flashes WHERE flash_id = 990002").update();
		}
	}

	@Test
	void variablesArePartOfTheKey() {
		String query = "query UserByFid($fid: Int) { users(fid: $fid) { username } }";
		assertThat(usernames(query, 101)).containsExactly("AlicePlayer");
		assertThat(usernames(query, 102)).containsExactly("BobPlayer");
		assertThat(usernames(query, 101)).containsExactly("AlicePlayer");
	}

	@Test
	void aMutationDropsKeptAnswersSoItsChangeShowsAtOnce() {
		String query = "{ users(fid: 107) { auto_cast } }";
		assertThat(autoCast(query)).isTrue();
		assertThat(autoCast(query)).isTrue();
		try {
			this.authorized.document("mutation { setUserAutoCast(fid: 107, auto_cast: false) { auto_cast } }")
				.execute()
				.path("setUserAutoCast.auto_cast")
				.entity(Boolean.class)
				.isEqualTo(false);
			assertThat(autoCast(query)).isFalse();
		}
		finally {
			this.authorized.document("mutation { setUserAutoCast(fid: 107, auto_cast: true) { fid } }")
				.execute()
				.errors()
				.verify();
		}
		assertThat(autoCast(query)).isTrue();
	}

	@Test
	void anAnswerWithErrorsIsNeverKept() {
		String query = "query BadId { globalFlash(flash_id: \"abc\") { flash_id } }";
		double hits = count("flashcastr_api_cache_hits");
		double misses = count("flashcastr_api_cache_misses");
		for (int i = 0; i < 3; i++) {
			this.graphQl.document(query)
				.execute()
				.errors()
				.satisfy((errors) -> assertClassified(errors, "BAD_USER_INPUT"));
		}
		assertThat(count("flashcastr_api_cache_hits") - hits).isZero();
		assertThat(count("flashcastr_api_cache_misses") - misses).isEqualTo(3);
	}

	@Test
	void concurrentIdenticalQueriesExecuteOnce() throws Exception {
		String query = "query Leaders { getLeaderboard(limit: 7) { username } }";
		double hits = count("flashcastr_api_cache_hits");
		double misses = count("flashcastr_api_cache_misses");
		int callers = 8;
		List<List<String>> results = concurrently(callers,
				() -> this.graphQl.document(query)
					.execute()
					.path("getLeaderboard[*].username")
					.entityList(String.class)
					.get());
		assertThat(results.get(0)).startsWith("alice");
		assertThat(results).allSatisfy((usernames) -> assertThat(usernames).isEqualTo(results.get(0)));
		assertThat(count("flashcastr_api_cache_misses") - misses).isEqualTo(1);
		assertThat(count("flashcastr_api_cache_hits") - hits).isEqualTo(callers - 1);
	}

	private List<String> ids(String query) {
		return this.graphQl.document(query).execute().path("globalFlashes[*].flash_id").entityList(String.class).get();
	}

	private List<String> usernames(String query, int fid) {
		return this.graphQl.document(query)
			.variables(Map.of("fid", fid))
			.execute()
			.path("users[*].username")
			.entityList(String.class)
			.get();
	}

	private Boolean autoCast(String query) {
		return this.graphQl.document(query).execute().path("users[0].auto_cast").entity(Boolean.class).get();
	}

	private double count(String name) {
		return this.registry.get(name).tag("cache_name", "query_result").counter().count();
	}

	private double requests(String operation) {
		return this.registry.find("flashcastr_api_graphql_requests")
			.tag("operation_name", operation)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

}
