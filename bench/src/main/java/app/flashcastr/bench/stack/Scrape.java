package app.flashcastr.bench.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * Scrapes a service's {@code /actuator/prometheus} the way Prometheus does (OpenMetrics
 * first, one request at a time): latency of each scrape and the number of exported
 * series.
 */
public final class Scrape {

	/** Prometheus 2.x/3.x send this Accept header. */
	private static final String ACCEPT = "application/openmetrics-text;version=1.0.0;q=0.5,"
			+ "text/plain;version=0.0.4;q=0.4,*/*;q=0.1";

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private Scrape() {
	}

	/**
	 * Scrapes {@code count} times after two warm-up scrapes.
	 * @param managementPort the service's management port
	 * @param count scrapes measured
	 * @return p99 latency and series of the last scrape
	 */
	public static Result measure(int managementPort, int count) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(10))
			.header("Accept", ACCEPT)
			.build();
		String body = "";
		for (int i = 0; i < 2; i++) {
			body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
		}
		double[] millis = new double[count];
		for (int i = 0; i < count; i++) {
			long started = System.nanoTime();
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			millis[i] = (System.nanoTime() - started) / 1e6;
			if (response.statusCode() != 200) {
				throw new IOException("scrape answered " + response.statusCode());
			}
			body = response.body();
		}
		Arrays.sort(millis);
		double p99 = millis[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)];
		return new Result(p99, millis[count / 2], series(body), body.length());
	}

	/**
	 * The value of one sample, e.g. {@code invaders_bot_sync_duration_seconds_sum}.
	 * @param managementPort the service's management port
	 * @param sample the sample name (the first series with it)
	 * @return its value, or NaN when the service does not export it
	 */
	public static double value(int managementPort, String sample) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(10))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString())
			.body()
			.lines()
			.filter((line) -> line.startsWith(sample + "{") || line.startsWith(sample + " "))
			.map((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElse(Double.NaN);
	}

	/** Sample lines: neither comments (# HELP, # TYPE, # EOF) nor blank. */
	static long series(String exposition) {
		return exposition.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).count();
	}

	/**
	 * @param p99Millis 99th percentile of the scrape latency
	 * @param p50Millis median scrape latency
	 * @param series exported samples (series) in one scrape
	 * @param bytes size of one scrape
	 */
	public record Result(double p99Millis, double p50Millis, long series, int bytes) {
	}

}
