package app.flashcastr.producer;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import app.flashcastr.producer.sync.FlashSync;
import app.flashcastr.producer.sync.SyncReport;
import app.flashcastr.testinfra.PrometheusScrape;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every producer row of shared/spec/metrics.md, proven on a real scrape after a real
 * sync: exact name, type and label set, plus the outbox and validation metrics the issues
 * add.
 */
@ProducerIntegrationTest
class ProducerMetricsContractTests {

	/**
	 * name, type, labels (beyond the common application label), required label values.
	 */
	private static final List<Row> CONTRACT = List.of(new Row("invaders_bot_flashes_new_total", "counter", Set.of()),
			new Row("invaders_bot_api_calls_total", "counter", Set.of("result"), "result", Set.of("success", "error")),
			new Row("invaders_bot_sync_skipped_total", "counter", Set.of("reason"), "reason",
					Set.of("no_changes", "backoff", "off_peak_hours")),
			new Row("invaders_bot_consecutive_unchanged_syncs", "gauge", Set.of()),
			new Row("invaders_bot_last_flash_count", "gauge", Set.of()),
			new Row("invaders_bot_sync_duration_seconds", "histogram", Set.of()),
			new Row("invaders_bot_messages_published_total", "counter", Set.of()),
			new Row("invaders_bot_messages_failed_total", "counter", Set.of()),
			new Row("invaders_bot_casts_published_total", "counter", Set.of()),
			new Row("invaders_bot_casts_failed_total", "counter", Set.of()),
			new Row("invaders_bot_last_sync_timestamp", "gauge", Set.of()),
			new Row("invaders_bot_last_api_call_timestamp", "gauge", Set.of()),
			new Row("invaders_bot_uptime_seconds", "gauge", Set.of()),
			new Row("invaders_bot_memory_bytes", "gauge", Set.of("type"), "type",
					Set.of("heap_used", "heap_total", "rss", "external")),
			new Row("invaders_bot_outbox_depth", "gauge", Set.of()),
			new Row("invaders_bot_outbox_oldest_age_seconds", "gauge", Set.of()),
			new Row("invaders_bot_outbox_relay_errors_total", "counter", Set.of("cause"), "cause",
					Set.of("broker_unreachable", "database")),
			new Row("invaders_bot_flashes_invalid_total", "counter", Set.of("reason")),
			new Row("invaders_bot_sync_failures_total", "counter", Set.of()),
			new Row("invaders_bot_cast_signers_refused_total", "counter", Set.of()),
			new Row("invaders_bot_casts_pending", "gauge", Set.of()),
			new Row("invaders_bot_cast_freshness_seconds", "histogram", Set.of()));

	@LocalServerPort
	private int port;

	@Autowired
	private FlashSync sync;

	@Test
	void everyContractRowIsExportedWithItsTypeAndLabels() {
		TestFeed.simulator().faults().reset();
		TestFeed.simulator().emitFlashes(2);
		assertThat(this.sync.runOnce().outcome()).isEqualTo(SyncReport.Outcome.PROCESSED);

		PrometheusScrape scrape = PrometheusScrape.of(this.port);

		for (Row row : CONTRACT) {
			assertThat(scrape.type(row.name())).as("TYPE of %s", row.name()).isEqualTo(row.type());
			String sampleName = row.type().equals("histogram") ? row.name() + "_count" : row.name();
			List<Map<String, String>> series = scrape.series(sampleName);
			assertThat(series).as("samples of %s", sampleName).isNotEmpty();
			assertThat(scrape.ownLabels(sampleName)).as("labels of %s", sampleName).isEqualTo(row.labels());
			if (row.requiredLabel() != null) {
				assertThat(series).extracting((labels) -> labels.get(row.requiredLabel()))
					.as("%s values of %s", row.requiredLabel(), row.name())
					.containsAll(row.requiredValues());
			}
		}
		assertThat(scrape.series("invaders_bot_sync_duration_seconds_bucket")).extracting((labels) -> labels.get("le"))
			.containsExactlyInAnyOrder("0.1", "0.5", "1.0", "2.0", "5.0", "10.0", "30.0", "60.0", "120.0", "+Inf");
		assertThat(scrape.value("invaders_bot_memory_bytes", Map.of("type", "rss"))).isPositive();
		assertThat(scrape.value("invaders_bot_flashes_new_total", Map.of())).isPositive();
		assertThat(scrape.seriesCount()).as("exported series").isLessThan(2000);
	}

	private record Row(String name, String type, Set<String> labels, String requiredLabel, Set<String> requiredValues) {

		Row(String name, String type, Set<String> labels) {
			this(name, type, labels, null, Set.of());
		}

	}

}
