package app.flashcastr.bench.scenario;

import java.util.List;

import app.flashcastr.bench.report.Figure;
import app.flashcastr.bench.stack.Scrape;

/**
 * The cost-of-observability figures a scrape gives (issue 7):
 * {@code /actuator/prometheus} p99 ≤ 10 ms and ≤ 2,000 series per service after load.
 */
final class ScrapeFigures {

	/** Scrapes per measurement: enough for a p99 that is not just the maximum. */
	static final int SCRAPES = 200;

	private ScrapeFigures() {
	}

	static void add(List<Figure> figures, String benchmark, String service, String after, int managementPort)
			throws Exception {
		Scrape.Result result = Scrape.measure(managementPort, SCRAPES);
		System.out.printf("[bench] %s: %s /actuator/prometheus p50 %.2f ms, p99 %.2f ms, %d series, %,d bytes%n",
				benchmark, service, result.p50Millis(), result.p99Millis(), result.series(), result.bytes());
		figures.add(new Figure(benchmark, "%s /actuator/prometheus scrape p99 (%d sequential scrapes, OpenMetrics) %s"
			.formatted(service, SCRAPES, after), "ms", List.of(result.p99Millis()), "≤ 10"));
		figures.add(new Figure(benchmark, "%s exported series %s".formatted(service, after), "series",
				List.of((double) result.series()), "≤ 2,000"));
	}

}
