package app.flashcastr.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.flashcastr.api.metrics.UsageGauges;
import app.flashcastr.testinfra.PrometheusScrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cache hit/miss counting, one load per key, statement counts and the metric contract.
 */
@CoreApiTest
class CacheAndMetricsTests extends CoreApiTestSupport {

	private final int managementPort;

	private final MeterRegistry registry;

	private final StatementCounter statements;

	private final UsageGauges gauges;

	CacheAndMetricsTests(@LocalServerPort int port, @LocalManagementPort int managementPort, JdbcClient jdbc,
			MeterRegistry registry, StatementCounter statements, UsageGauges gauges) {
		super(port, jdbc);
		this.managementPort = managementPort;
		this.registry = registry;
		this.statements = statements;
		this.gauges = gauges;
	}

	@Test
	void trendingCitiesAreCachedPerArguments() {
		double misses = count("flashcastr_api_cache_misses", "trending_cities");
		double hits = count("flashcastr_api_cache_hits", "trending_cities");
		for (int i = 0; i < 3; i++) {
			this.graphQl.document("{ getTrendingCities(hours: 48) { city } }").execute().errors().verify();
		}
		this.graphQl.document("{ getTrendingCities(hours: 48, excludeParis: false) { city } }")
			.execute()
			.errors()
			.verify();
		assertThat(count("flashcastr_api_cache_misses", "trending_cities") - misses).isEqualTo(2);
		assertThat(count("flashcastr_api_cache_hits", "trending_cities") - hits).isEqualTo(2);
	}

	@Test
	void aNewFlashShowsInTheCachedGlobalFlashesWithinASecond() {
		String player = "cache_probe_player";
		String query = "{ globalFlashes(player: \"" + player + "\") { flash_id } }";
		double before = count("flashcastr_api_cache_misses", "global_flashes")
				+ count("flashcastr_api_cache_hits", "global_flashes");
		assertThat(ids(query)).isEmpty();
		try {
			this.jdbc
				.sql("INSERT INTO flashes (flash_id, city, player, img, ipfs_cid, text, timestamp, flash_count) "
						+ "VALUES (990001, 'Paris', ?, '/img/990001.png', '', 'probe', now(), '1')")
				.param(player)
				.update();
			// Served from the one-second cache at first, then read again.
			await().atMost(Duration.ofSeconds(3)).until(() -> ids(query).contains("990001"));
			assertThat(count("flashcastr_api_cache_misses", "global_flashes")
					+ count("flashcastr_api_cache_hits", "global_flashes") - before)
				.isGreaterThanOrEqualTo(2);
		}
		finally {
			this.jdbc.sql("DELETE FROM flashes WHERE flash_id = 990001").update();
		}
	}

	private List<String> ids(String query) {
		return this.graphQl.document(query).execute().path("globalFlashes[*].flash_id").entityList(String.class).get();
	}

	@Test
	void aUsersFlashesComeWithTheirFlashesInOneStatement() {
		// The nested flash is read with its link: a plain property, no second query.
		this.statements.reset();
		List<Map<String, Object>> links = this.graphQl
			.document("{ flashes(fid: 101, limit: 19) { flash_id flash { flash_id city } } }")
			.execute()
			.errors()
			.verify()
			.path("flashes")
			.entityList(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.hasSize(5)
			.get();
		assertThat(this.statements.count()).isEqualTo(1);
		assertThat(links).allSatisfy((link) -> assertThat(link.get("flash")).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("flash_id", link.get("flash_id"))
			.containsKey("city"));
	}

	@Test
	void aListWithNestedFieldsCostsAtMostTwoStatements() {
		this.statements.reset();
		this.graphQl.document("{ flashes(limit: 20) { flash_id flash { city player } } }")
			.execute()
			.path("flashes")
			.entityList(Object.class)
			.hasSizeGreaterThan(5);
		assertThat(this.statements.count()).isLessThanOrEqualTo(2);
		this.statements.reset();
		this.graphQl.document("{ unifiedFlashes(limit: 50) { flash_id farcaster_user { fid } identification { id } } }")
			.execute()
			.path("unifiedFlashes")
			.entityList(Object.class)
			.hasSize(50);
		assertThat(this.statements.count()).isLessThanOrEqualTo(2);
		this.statements.reset();
		this.graphQl.document("{ flashIdentifications { id matched_flash { city } } }")
			.execute()
			.path("flashIdentifications")
			.entityList(Object.class)
			.hasSizeGreaterThan(1);
		assertThat(this.statements.count()).isLessThanOrEqualTo(2);
	}

	@Test
	void aDocumentServedFromThePreparsedCacheCountsUnderItsOperationType() {
		double unparsable = requests("unknown", "anonymous");
		// Each document three times: kept from its second sighting, the third is served
		// from the preparsed-document cache, which skips validation.
		for (int i = 0; i < 3; i++) {
			this.graphQl.document("query TypeProbe { getAllCities }").execute().errors().verify();
			this.graphQl.document("mutation TypeProbeChange { setUserAutoCast(fid: 107, auto_cast: false) { fid } }")
				.execute()
				.errors()
				.satisfy((errors) -> assertThat(errors).hasSize(1));
			this.graphQl.document("query TypeProbeInvalid { noSuchField }")
				.execute()
				.errors()
				.satisfy((errors) -> assertThat(errors).isNotEmpty());
			this.graphQl.document("query TypeProbeBroken {")
				.execute()
				.errors()
				.satisfy((errors) -> assertThat(errors).isNotEmpty());
		}
		assertThat(requests("query", "TypeProbe")).isEqualTo(3);
		assertThat(requests("mutation", "TypeProbeChange")).isEqualTo(3);
		assertThat(requests("query", "TypeProbeInvalid")).isEqualTo(3);
		// Unparsable: no operation to name, so the type really is unknown.
		assertThat(requests("unknown", "anonymous") - unparsable).isEqualTo(3);
		assertThat(this.registry.find("flashcastr_api_graphql_requests")
			.tag("operation_type", "unknown")
			.counters()
			.stream()
			.map((counter) -> counter.getId().getTag("operation_name"))
			.filter((name) -> name.startsWith("TypeProbe"))
			.toList()).isEmpty();
	}

	@Test
	void theManagementPortRefusesWritesWithoutATokenAndStaysOpenToScrapes() throws Exception {
		// The API serves actuator on its own port (a child context): the guard is there
		// too. No MANAGEMENT_TOKEN is set in these tests, so every write is refused.
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<String> write = client
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/health"))
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.header("Content-Type", "application/json")
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(write.statusCode()).isEqualTo(403);
		assertThat(write.body()).contains("set MANAGEMENT_TOKEN");
		assertThat(PrometheusScrape.of(this.managementPort).seriesCount()).isPositive();
	}

	private double requests(String type, String name) {
		var counter = this.registry.find("flashcastr_api_graphql_requests")
			.tag("operation_type", type)
			.tag("operation_name", name)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void everyOwnedApiRowOfTheMetricContractIsExported() {
		this.graphQl.document("query Cities { getAllCities }").execute().errors().verify();
		this.graphQl.document("{ getAllCities }").execute().errors().verify();
		this.graphQl.document("query Broken { progress(fid: 1, days: 99) { date } }")
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).hasSize(1));
		this.graphQl.document("{ getTrendingCities { city } getLeaderboard { username } }").execute().errors().verify();
		this.gauges.refresh();
		PrometheusScrape scrape = PrometheusScrape.of(this.managementPort);

		assertCounter(scrape, "flashcastr_api_graphql_requests_total", "operation_type", "operation_name");
		assertThat(scrape.value("flashcastr_api_graphql_requests_total",
				Map.of("operation_type", "query", "operation_name", "Cities")))
			.isGreaterThanOrEqualTo(1);
		assertThat(scrape.value("flashcastr_api_graphql_requests_total",
				Map.of("operation_type", "query", "operation_name", "anonymous")))
			.isGreaterThanOrEqualTo(1);
		assertCounter(scrape, "flashcastr_api_graphql_errors_total", "operation_type", "operation_name");
		assertThat(scrape.value("flashcastr_api_graphql_errors_total",
				Map.of("operation_type", "query", "operation_name", "Broken")))
			.isGreaterThanOrEqualTo(1);
		assertThat(scrape.type("flashcastr_api_graphql_duration_seconds")).isEqualTo("histogram");
		assertThat(scrape.series("flashcastr_api_graphql_duration_seconds_bucket"))
			.extracting((labels) -> labels.get("le"))
			.contains("0.01", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "+Inf");
		assertThat(scrape.ownLabels("flashcastr_api_graphql_duration_seconds_bucket")).containsExactlyInAnyOrder("le",
				"operation_type", "operation_name");
		assertCounter(scrape, "flashcastr_api_users_deleted_total");
		assertCounter(scrape, "flashcastr_api_signups_initiated_total");
		assertCounter(scrape, "flashcastr_api_signups_completed_total");
		assertCounter(scrape, "flashcastr_api_neynar_requests_total", "endpoint", "status");
		assertThat(scrape.series("flashcastr_api_neynar_requests_total")).extracting((labels) -> labels.get("status"))
			.contains("attempt", "success", "error");
		assertThat(scrape.type("flashcastr_api_uptime_seconds")).isEqualTo("gauge");
		assertThat(scrape.series("flashcastr_api_memory_bytes")).extracting((labels) -> labels.get("type"))
			.containsExactlyInAnyOrder("heap_used", "heap_total", "rss", "external");
		assertThat(scrape.seriesCount()).as("exported series").isLessThan(2000);
		assertCounter(scrape, "flashcastr_api_cache_hits_total", "cache_name");
		assertCounter(scrape, "flashcastr_api_cache_misses_total", "cache_name");
		assertThat(scrape.series("flashcastr_api_cache_misses_total")).extracting((labels) -> labels.get("cache_name"))
			.contains("leaderboard", "trending_cities");
		long activeUsers = this.jdbc.sql("SELECT COUNT(*) FROM flashcastr_users WHERE deleted = false")
			.query(Long.class)
			.single();
		assertThat(scrape.value("flashcastr_api_active_users_total", Map.of())).isEqualTo(activeUsers);
		long linked = this.jdbc.sql("SELECT COUNT(*) FROM flashcastr_flashes WHERE deleted = false")
			.query(Long.class)
			.single();
		assertThat(scrape.type("flashcastr_api_total_flashes")).isEqualTo("gauge");
		assertThat(scrape.value("flashcastr_api_total_flashes", Map.of())).isEqualTo(linked);
		assertThat(scrape.type("flashcastr_api_database_query_duration_seconds")).isEqualTo("histogram");
		assertThat(scrape.series("flashcastr_api_database_query_duration_seconds_bucket"))
			.extracting((labels) -> labels.get("query_type"))
			.contains("leaderboard", "trending_cities");
		// One observation per request, the HTTP server's (OneObservationPerRequestTests).
		assertThat(scrape.series("http_server_requests_seconds_count")).isNotEmpty();
		assertThat(scrape.series("graphql_request_seconds_count")).isEmpty();
	}

	private static void assertCounter(PrometheusScrape scrape, String name, String... labels) {
		assertThat(scrape.type(name)).as(name).isEqualTo("counter");
		assertThat(scrape.series(name)).as(name).isNotEmpty();
		assertThat(scrape.ownLabels(name)).as(name).containsExactlyInAnyOrder(labels);
	}

	private double count(String name, String cacheName) {
		return this.registry.get(name).tag("cache_name", cacheName).counter().count();
	}

}
