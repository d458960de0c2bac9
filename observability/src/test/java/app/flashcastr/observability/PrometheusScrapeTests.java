package app.flashcastr.observability;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;

import app.flashcastr.observability.metrics.ServiceMeters;
import app.flashcastr.observability.testservice.Scrapes;
import app.flashcastr.observability.testservice.TestService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the exported names by scraping, never by reading code (stack-notes): process
 * gauges, every {@link ServiceMeters} kind, the cardinality guard and the exemplar
 * settings.
 */
@TestService
class PrometheusScrapeTests {

	private static final String OPENMETRICS_TYPE = "application/openmetrics-text;version=1.0.0";

	@LocalServerPort
	int port;

	@Autowired
	ServiceMeters meters;

	@Autowired
	Tracer tracer;

	@Test
	void processGaugesAreExportedUnderTheServicePrefix() {
		String scrape = Scrapes.prometheusText(this.port);

		assertThat(scrape).contains("# TYPE test_svc_uptime_seconds gauge");
		assertThat(value(scrape, "test_svc_uptime_seconds", "")).isPositive();
		assertThat(scrape).contains("# TYPE test_svc_memory_bytes gauge");
		for (String type : List.of("heap_used", "heap_total", "rss", "external")) {
			assertThat(value(scrape, "test_svc_memory_bytes", "type=\"" + type + "\"")).as(type)
				.isGreaterThanOrEqualTo(0);
		}
		assertThat(value(scrape, "test_svc_memory_bytes", "type=\"rss\"")).isGreaterThan(10_000_000);
		assertThat(value(scrape, "test_svc_memory_bytes", "type=\"heap_total\""))
			.isGreaterThanOrEqualTo(value(scrape, "test_svc_memory_bytes", "type=\"heap_used\""));
	}

	@Test
	void counterGaugeAndHistogramNamesAreExact() {
		Counter counter = this.meters.counter("flashes_new", "flashes newly inserted");
		counter.increment(2);
		this.meters.counter("api_calls", "feed calls", "result", "success").increment();
		AtomicLong lastCount = new AtomicLong(1234);
		this.meters.gauge("last_flash_count", "feed flash_count", lastCount, AtomicLong::doubleValue);
		Timer timer = this.meters.histogram("sync_duration", "one sync run",
				new double[] { 0.1, 0.5, 1, 2, 5, 10, 30, 60, 120 });
		timer.record(Duration.ofMillis(700));
		this.meters.summaryHistogram("payload_size", "payload size", "bytes", new double[] { 100, 1000 }).record(500);

		String scrape = Scrapes.prometheusText(this.port);

		assertThat(scrape).contains("# TYPE test_svc_flashes_new_total counter");
		assertThat(value(scrape, "test_svc_flashes_new_total", "")).isEqualTo(2.0);
		assertThat(value(scrape, "test_svc_api_calls_total", "result=\"success\"")).isEqualTo(1.0);
		assertThat(scrape).contains("# TYPE test_svc_last_flash_count gauge");
		assertThat(value(scrape, "test_svc_last_flash_count", "")).isEqualTo(1234.0);

		assertThat(scrape).contains("# TYPE test_svc_sync_duration_seconds histogram");
		assertThat(bucketBounds(scrape, "test_svc_sync_duration_seconds")).containsExactly("0.1", "0.5", "1.0", "2.0",
				"5.0", "10.0", "30.0", "60.0", "120.0", "+Inf");
		assertThat(value(scrape, "test_svc_sync_duration_seconds_bucket", "le=\"0.5\"")).isZero();
		assertThat(value(scrape, "test_svc_sync_duration_seconds_bucket", "le=\"1.0\"")).isEqualTo(1.0);
		assertThat(value(scrape, "test_svc_sync_duration_seconds_count", "")).isEqualTo(1.0);
		assertThat(value(scrape, "test_svc_sync_duration_seconds_sum", "")).isEqualTo(0.7);

		assertThat(scrape).contains("# TYPE test_svc_payload_size_bytes histogram");
		assertThat(bucketBounds(scrape, "test_svc_payload_size_bytes")).containsExactly("100.0", "1000.0", "+Inf");
	}

	/**
	 * The API needs {@code flashcastr_api_active_users_total} as a gauge. What the client
	 * does with a plain gauge of that name, and how {@link ServiceMeters#gauge} keeps the
	 * exact series name anyway.
	 */
	@Test
	void gaugeNamedTotalKeepsItsExactSeriesName() {
		AtomicLong activeUsers = new AtomicLong(7);
		Gauge gauge = this.meters.gauge("active_users_total", "users not deleted", activeUsers, AtomicLong::get);
		// A plain Micrometer gauge loses the reserved _total suffix (prometheus-metrics
		// 1.x forbids it on gauges).
		Gauge.builder("test_svc_plain_users_total", activeUsers, AtomicLong::get).register(this.meters.registry());

		String scrape = Scrapes.prometheusText(this.port);

		assertThat(value(scrape, "test_svc_active_users_total", "")).isEqualTo(7.0);
		assertThat(scrape).contains("# TYPE test_svc_active_users_total counter");
		assertThat(scrape).doesNotContainPattern("(?m)^test_svc_active_users\\{");
		assertThat(scrape).contains("# TYPE test_svc_plain_users gauge").doesNotContain("test_svc_plain_users_total");

		activeUsers.set(5);
		assertThat(gauge.value()).isEqualTo(5.0);
		assertThat(value(Scrapes.prometheusText(this.port), "test_svc_active_users_total", "")).isEqualTo(5.0);
	}

	@Test
	void cardinalityGuardCapsTagCombinationsPerMeter() {
		for (int i = 0; i < 150; i++) {
			this.meters.counter("guarded", "a counter fed with too many tag values", "value", "v" + i).increment();
		}

		String scrape = Scrapes.prometheusText(this.port);

		long series = scrape.lines().filter((line) -> line.startsWith("test_svc_guarded_total{")).count();
		assertThat(series).isEqualTo(100);
		assertThat(value(scrape, "test_svc_metrics_cardinality_denied_total", "meter=\"test_svc_guarded\""))
			.isEqualTo(50.0);
	}

	/**
	 * The exemplar policy: histogram buckets carry the trace of a sampled observation (an
	 * operator clicks from a latency panel to the trace); counters, summaries and
	 * {@code _count} lines carry none (Debian's Prometheus 2.42 marks the target DOWN
	 * when a summary's {@code _count} line carries one), and the text format none at all.
	 */
	@Test
	void exemplarsOnHistogramBucketsOnlyAndOnlyInOpenMetrics() {
		Counter counter = this.meters.counter("traced_events", "events counted inside a span");
		Timer histogram = this.meters.histogram("traced_duration", "timed inside a span", new double[] { 0.1, 1 });
		Timer summary = Timer.builder(this.meters.name("traced_plain")).register(this.meters.registry());
		Span span = this.tracer.nextSpan().name("exemplar-probe").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			counter.increment();
			histogram.record(Duration.ofMillis(50));
			summary.record(Duration.ofMillis(50));
		}
		finally {
			span.end();
		}

		String text = Scrapes.prometheusText(this.port);
		assertThat(text).doesNotContain("trace_id=").doesNotContain(" # {");

		HttpResponse<String> openMetrics = Scrapes.get(this.port, "/actuator/prometheus", OPENMETRICS_TYPE);
		assertThat(openMetrics.statusCode()).isEqualTo(200);
		assertThat(openMetrics.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/openmetrics-text"));
		List<String> lines = openMetrics.body().lines().toList();
		assertThat(lines).filteredOn((line) -> line.contains(" # {"))
			.isNotEmpty()
			.allSatisfy((line) -> assertThat(line).contains("_bucket{"));
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("test_svc_traced_events_total{"));
		assertThat(lines).filteredOn((line) -> line.startsWith("test_svc_traced_events_total"))
			.noneMatch((line) -> line.contains(" # {"));
		String traceId = "trace_id=\"" + span.context().traceId() + "\"";
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("test_svc_traced_duration_seconds_bucket{")
			.contains("le=\"0.1\"", traceId));
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("test_svc_traced_plain_seconds_count{"));
		assertThat(lines).filteredOn((line) -> line.startsWith("test_svc_traced_plain_seconds"))
			.noneMatch((line) -> line.contains(" # {"));
	}

	private static double value(String scrape, String name, String labelFragment) {
		Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
		Matcher matcher = sample.matcher(scrape);
		while (matcher.find()) {
			String labels = (matcher.group(1) != null) ? matcher.group(1) : "";
			if (labels.contains(labelFragment)) {
				assertThat(labels).as("common tag on " + name).contains("application=\"test-svc\"");
				return Double.parseDouble(matcher.group(2));
			}
		}
		throw new AssertionError("no sample " + name + " with " + labelFragment + " in scrape:\n" + scrape);
	}

	private static List<String> bucketBounds(String scrape, String name) {
		Pattern le = Pattern.compile("le=\"([^\"]+)\"");
		return scrape.lines().filter((line) -> line.startsWith(name + "_bucket{")).map((line) -> {
			Matcher matcher = le.matcher(line);
			assertThat(matcher.find()).isTrue();
			return matcher.group(1);
		}).toList();
	}

}
