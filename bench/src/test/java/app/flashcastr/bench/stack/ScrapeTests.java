package app.flashcastr.bench.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class ScrapeTests {

	private static final String EXPOSITION = """
			# TYPE flashcastr_api_up gauge
			flashcastr_api_up 1
			# TYPE flashcastr_api_requests counter
			flashcastr_api_requests_total{operation="globalFlash"} 3
			flashcastr_api_requests_total{operation="flashes"} 5
			# EOF
			""";

	private final List<String> accepts = new CopyOnWriteArrayList<>();

	private HttpServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void timesEachScrapeOnOneConnectionAndCountsTheSeries() throws Exception {
		int port = serve(200);

		Scrape.Result result = Scrape.measure(port, 20);

		assertThat(result.series()).isEqualTo(3);
		assertThat(result.bytes()).isEqualTo(EXPOSITION.length());
		assertThat(result.p50Millis()).isPositive();
		assertThat(result.p99Millis()).isGreaterThanOrEqualTo(result.p50Millis());
		// Two warm-up scrapes, the timed ones, and one for the body.
		assertThat(this.accepts).hasSize(23)
			.allSatisfy((accept) -> assertThat(accept).startsWith("application/openmetrics-text"));
	}

	@Test
	void aScrapeThatFailsFailsTheMeasurement() throws Exception {
		int port = serve(503);

		assertThatIOException().isThrownBy(() -> Scrape.measure(port, 5)).withMessage("scrape answered 503");
	}

	private int serve(int status) throws IOException {
		byte[] body = EXPOSITION.getBytes(StandardCharsets.UTF_8);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
		this.server.createContext("/actuator/prometheus", (exchange) -> {
			this.accepts.add(exchange.getRequestHeaders().getFirst("Accept"));
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
		return this.server.getAddress().getPort();
	}

}
