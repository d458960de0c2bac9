package app.flashcastr.consumer.backfill;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import app.flashcastr.consumer.ConsumerIntegrationTest;
import app.flashcastr.consumer.TestWorld;
import app.flashcastr.contracts.messaging.FlashReceived;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ConsumerIntegrationTest
class BackfillTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MeterRegistry registry;

	@Autowired
	private Backfill backfill;

	@Test
	void startingOrPausingNeedsTheManagementToken() throws Exception {
		HttpResponse<String> refused = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/backfill"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"rate\": 1}"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.body()).contains("MANAGEMENT_TOKEN");
		assertThat(http("GET", null).statusCode()).isEqualTo(200);
	}

	@Test
	void pinsEveryStoredFlashMissingACidAndReportsProgress() throws Exception {
		List<FlashReceived> flashes = TestWorld.storeNewFlashes(this.jdbc, 3000);

		HttpResponse<String> started = http("POST", "{\"rate\": 2000}");

		assertThat(started.statusCode()).isEqualTo(200);
		assertThat(started.body()).contains("\"running\":true");
		await().atMost(Duration.ofSeconds(90)).until(() -> TestWorld.missingCids(this.jdbc, flashes) == 0);
		await().atMost(Duration.ofSeconds(10)).until(() -> http("GET", null).body().contains("\"running\":false"));
		String progress = http("GET", null).body();
		assertThat(progress).contains("\"remaining\":0");
		assertThat(this.registry.get("invaders_consumer_backfill_queued_flashes").gauge().value())
			.isGreaterThanOrEqualTo(3000);
		assertThat(this.registry.get("invaders_consumer_backfill_eta_seconds").gauge().value()).isZero();
	}

	@Test
	void aBackfillRunningWhenTheServiceStoppedResumesAtTheNextStart() {
		List<FlashReceived> flashes = TestWorld.storeNewFlashes(this.jdbc, 200);
		this.jdbc.update("""
				INSERT INTO consumer_backfill (id, running, cursor, total, queued, rate, started_at, finished_at)
				VALUES (1, TRUE, 0, 200, 0, 2000, now(), NULL)
				ON CONFLICT (id) DO UPDATE SET running = TRUE, cursor = 0, total = 200, queued = 0, rate = 2000,
				    finished_at = NULL
				""");

		this.backfill.stop();
		this.backfill.start();

		await().atMost(Duration.ofSeconds(60)).until(() -> TestWorld.missingCids(this.jdbc, flashes) == 0);
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.backfill.isRunning());
	}

	private HttpResponse<String> http(String method, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/backfill"))
			.header("Content-Type", "application/json");
		if (!"GET".equals(method)) {
			request.header("Authorization", "Bearer " + ConsumerIntegrationTest.MANAGEMENT_TOKEN);
		}
		request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
