package app.flashcastr.consumer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import app.flashcastr.contracts.messaging.FlashReceived;
import app.flashcastr.testinfra.PrometheusScrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every consumer row of shared/spec/metrics.md and the additions, on a real
 * scrape after real work.
 */
@ConsumerIntegrationTest
class ConsumerMetricsContractTests {

	private static final List<Row> CONTRACT = List.of(
			new Row("invaders_consumer_flashes_processed_total", "counter", Set.of()),
			new Row("invaders_consumer_flashes_failed_total", "counter", Set.of()),
			new Row("invaders_consumer_ipfs_uploads_total", "counter", Set.of()),
			new Row("invaders_consumer_ipfs_failures_total", "counter", Set.of()),
			new Row("invaders_consumer_processing_duration_seconds", "histogram", Set.of()),
			new Row("invaders_consumer_queue_depth", "gauge", Set.of()),
			new Row("invaders_consumer_circuit_breaker_state", "gauge", Set.of()),
			new Row("invaders_consumer_consecutive_failures", "gauge", Set.of("type")),
			new Row("invaders_consumer_retries_total", "counter", Set.of("cause")),
			new Row("invaders_consumer_last_processed_timestamp", "gauge", Set.of()),
			new Row("invaders_consumer_uptime_seconds", "gauge", Set.of()),
			new Row("invaders_consumer_memory_bytes", "gauge", Set.of("type")),
			new Row("invaders_consumer_in_flight", "gauge", Set.of()),
			new Row("invaders_consumer_dead_lettered_total", "counter", Set.of("reason")),
			new Row("invaders_consumer_slow_processing_total", "counter", Set.of()),
			new Row("invaders_consumer_backpressure_status", "gauge", Set.of()),
			new Row("invaders_consumer_oldest_message_age_seconds", "gauge", Set.of()),
			new Row("invaders_consumer_freshness_seconds", "histogram", Set.of()),
			new Row("invaders_consumer_flashes_duplicate_total", "counter", Set.of()),
			new Row("invaders_consumer_messages_published_total", "counter", Set.of()),
			new Row("invaders_consumer_messages_failed_total", "counter", Set.of()),
			new Row("invaders_consumer_outbox_depth", "gauge", Set.of()),
			new Row("invaders_consumer_backfill_remaining_flashes", "gauge", Set.of()),
			new Row("invaders_consumer_backfill_eta_seconds", "gauge", Set.of()));

	/** An OpenMetrics exemplar carrying a W3C trace id. */
	private static final Pattern EXEMPLAR = Pattern.compile(" # \\{[^}]*trace_id=\"[0-9a-f]{32}\"");

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private RabbitTemplate rabbit;

	@Test
	void everyContractRowIsExportedWithItsTypeAndLabels() {
		List<FlashReceived> flashes = TestWorld.storeNewFlashes(this.jdbc, 3);
		flashes.forEach((flash) -> TestWorld.announce(this.rabbit, flash));
		await().atMost(Duration.ofSeconds(20)).until(() -> TestWorld.missingCids(this.jdbc, flashes) == 0);

		PrometheusScrape scrape = PrometheusScrape.of(this.port);

		for (Row row : CONTRACT) {
			assertThat(scrape.type(row.name())).as("TYPE of %s", row.name()).isEqualTo(row.type());
			String sample = row.type().equals("histogram") ? row.name() + "_count" : row.name();
			assertThat(scrape.series(sample)).as("samples of %s", sample).isNotEmpty();
			assertThat(scrape.ownLabels(sample)).as("labels of %s", sample).isEqualTo(row.labels());
		}
		assertThat(scrape.series("invaders_consumer_processing_duration_seconds_bucket"))
			.extracting((labels) -> labels.get("le"))
			.containsExactlyInAnyOrder("0.1", "0.5", "1.0", "2.0", "5.0", "10.0", "30.0", "60.0", "+Inf");
		assertThat(scrape.series("invaders_consumer_consecutive_failures")).extracting((labels) -> labels.get("type"))
			.containsExactlyInAnyOrder("download", "ipfs", "database");
		assertThat(scrape.series("invaders_consumer_retries_total")).extracting((labels) -> labels.get("cause"))
			.containsExactlyInAnyOrder("download", "ipfs", "database");
		assertThat(scrape.series("invaders_consumer_memory_bytes")).extracting((labels) -> labels.get("type"))
			.containsExactlyInAnyOrder("heap_used", "heap_total", "rss", "external");
		assertThat(scrape.value("invaders_consumer_flashes_processed_total", Map.of())).isGreaterThanOrEqualTo(3);
		assertThat(scrape.value("invaders_consumer_freshness_seconds_count", Map.of())).isGreaterThanOrEqualTo(3);
		assertThat(scrape.value("invaders_consumer_last_processed_timestamp", Map.of())).isPositive();
		assertThat(scrape.seriesCount()).as("exported series").isLessThan(2000);
	}

	@Test
	void processingDurationBucketsCarryTheFlashTraceAsAnExemplar() throws Exception {
		List<FlashReceived> flashes = TestWorld.storeNewFlashes(this.jdbc, 2);
		flashes.forEach((flash) -> TestWorld.announce(this.rabbit, flash));
		await().atMost(Duration.ofSeconds(20)).until(() -> TestWorld.missingCids(this.jdbc, flashes) == 0);

		HttpResponse<String> scrape = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus"))
				.header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8")
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()
			.lines()
			.filter((line) -> line.startsWith("invaders_consumer_processing_duration_seconds_bucket")))
			.anySatisfy((line) -> assertThat(line).containsPattern(EXEMPLAR));
	}

	private record Row(String name, String type, Set<String> labels) {
	}

}
