package app.flashcastr.observability.testservice;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain HTTP GETs against the running test service, with the Accept header a Prometheus
 * server would send.
 */
public final class Scrapes {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Scrapes() {
	}

	public static HttpResponse<String> get(int port, String path, String accept) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10));
		if (accept != null) {
			request.header("Accept", accept);
		}
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/**
	 * The Prometheus text format (what Prometheus 2.42 gets without OpenMetrics
	 * negotiation).
	 */
	public static String prometheusText(int port) {
		HttpResponse<String> response = get(port, "/actuator/prometheus", "text/plain;version=0.0.4");
		if (response.statusCode() != 200) {
			throw new IllegalStateException("scrape returned " + response.statusCode());
		}
		return response.body();
	}

}
