package app.flashcastr.bench.scenario;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import app.flashcastr.bench.report.Figure;
import app.flashcastr.bench.stack.Scrape;

/**
 * The cost-of-observability figures a scrape gives (issue 7):
 * {@code /actuator/prometheus} p99 ≤ 10 ms and ≤ 2,000 series per service after load.
 * Measured twice: right after the load, while the JIT compiles what the load made hot,
 * and at Prometheus' next scrape, one interval later.
 */
final class ScrapeFigures {

	/** Scrapes per measurement: enough for a p99 that is not just the maximum. */
	static final int SCRAPES = 200;

	/** prometheus/prometheus.yml's {@code scrape_interval}. */
	static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(15);

	private ScrapeFigures() {
	}

	static void add(List<Figure> figures, String benchmark, String service, String after, int managementPort)
			throws Exception {
		long loadEnded = System.nanoTime();
		Scrape.Result result = Scrape.measure(managementPort, SCRAPES);
		System.out.printf("[bench] %s: %s /actuator/prometheus p50 %.2f ms, p99 %.2f ms, %d series, %,d bytes%n",
				benchmark, service, result.p50Millis(), result.p99Millis(), result.series(), result.bytes());
		figures.add(new Figure(benchmark, "%s /actuator/prometheus scrape p99 (%d sequential scrapes, OpenMetrics) %s"
			.formatted(service, SCRAPES, after), "ms", List.of(result.p99Millis()), "≤ 10"));
		long wait = SCRAPE_INTERVAL.toNanos() - (System.nanoTime() - loadEnded);
		if (wait > 0) {
			TimeUnit.NANOSECONDS.sleep(wait);
		}
		Scrape.Result next = Scrape.measure(managementPort, SCRAPES);
		System.out.printf("[bench] %s: %s /actuator/prometheus %d s later: p50 %.2f ms, p99 %.2f ms%n", benchmark,
				service, SCRAPE_INTERVAL.toSeconds(), next.p50Millis(), next.p99Millis());
		figures.add(new Figure(benchmark,
				"%s /actuator/prometheus scrape p99 (%d sequential scrapes) %s, from one scrape interval (%d s) later"
					.formatted(service, SCRAPES, after, SCRAPE_INTERVAL.toSeconds()),
				"ms", List.of(next.p99Millis()), "≤ 10"));
		figures.add(new Figure(benchmark, "%s exported series %s".formatted(service, after), "series",
				List.of((double) result.series()), "≤ 2,000"));
	}

}
