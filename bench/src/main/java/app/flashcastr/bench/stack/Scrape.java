package app.flashcastr.bench.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
	 * Scrapes {@code count} times after two warm-up scrapes, timed by {@code curl} on one
	 * keep-alive connection: a compiled client, as Prometheus' is. The JDK's client in
	 * this JVM added 1.5-4 ms to the median (its own JIT and thread hand-offs on two busy
	 * cores), which is not the service's time.
	 * @param managementPort the service's management port
	 * @param count scrapes measured
	 * @return p99 latency and series of the last scrape
	 */
	public static Result measure(int managementPort, int count) throws IOException, InterruptedException {
		String url = "http://127.0.0.1:" + managementPort + "/actuator/prometheus";
		// --max-time bounds each scrape: a hung service fails the figure instead of the
		// run.
		List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "10",
				"--header", "Accept: " + ACCEPT, "--write-out", "%{http_code} %{time_total}\\n"));
		for (int i = 0; i < count + 2; i++) {
			command.addAll(List.of("--output", "/dev/null", url));
		}
		Process curl;
		try {
			curl = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new IOException("curl is needed to time scrapes: apt-get install curl", ex);
		}
		List<String> lines = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
		if (!curl.waitFor(2, TimeUnit.MINUTES) || curl.exitValue() != 0 || lines.size() != count + 2) {
			throw new IOException("curl timing " + url + " failed: " + String.join(" | ", lines));
		}
		double[] millis = new double[count];
		for (int i = 0; i < count; i++) {
			String[] codeAndSeconds = lines.get(i + 2).split(" ");
			if (!codeAndSeconds[0].equals("200")) {
				throw new IOException("scrape answered " + codeAndSeconds[0]);
			}
			millis[i] = Double.parseDouble(codeAndSeconds[1]) * 1000;
		}
		String body = http.send(scrapeRequest(url), HttpResponse.BodyHandlers.ofString()).body();
		Arrays.sort(millis);
		double p99 = millis[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)];
		return new Result(p99, millis[count / 2], series(body), body.length());
	}

	private static HttpRequest scrapeRequest(String url) {
		return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).header("Accept", ACCEPT).build();
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
