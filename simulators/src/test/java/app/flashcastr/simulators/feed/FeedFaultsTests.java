package app.flashcastr.simulators.feed;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class FeedFaultsTests {

	private static FeedSimulator simulator;

	private static FeedClient client;

	@BeforeAll
	static void start() {
		simulator = FeedSimulator.start(FeedSimulatorSettings.defaults().withInitialFlashes(60).withWindowSize(50));
		client = new FeedClient(simulator.baseUri());
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@AfterEach
	void reset() {
		simulator.faults().reset();
	}

	@ParameterizedTest
	@ValueSource(ints = { 500, 503, 407, 403 })
	void statusUntilReset(int status) {
		simulator.faults().failWithStatus(status);

		assertThat(client.feed().statusCode()).isEqualTo(status);
		assertThat(client.feed().statusCode()).isEqualTo(status);
		simulator.faults().reset();
		assertThat(client.feed().statusCode()).isEqualTo(200);
	}

	@Test
	void proxyAuthenticationErrorLooksLikeAProxy() {
		simulator.faults().failWithStatus(407, 1);

		assertThat(client.feed().headers().firstValue("Proxy-Authenticate")).isPresent();
	}

	@Test
	void redirectAnswersTheStatusWithItsLocation() {
		simulator.faults().redirect(301, "/flashinvaders/flashes");

		HttpResponse<byte[]> first = client.feed();
		assertThat(first.statusCode()).isEqualTo(301);
		assertThat(first.headers().firstValue("Location")).hasValue("/flashinvaders/flashes");
		assertThat(client.feed().statusCode()).isEqualTo(301);
		assertThat(simulator.faults().describe()).containsEntry("mode", "redirect")
			.containsEntry("status", 301)
			.containsEntry("location", "/flashinvaders/flashes");
	}

	@Test
	void redirectForNextRequestsThenHealthy() {
		simulator.faults().redirect(308, "http://elsewhere.example/flashinvaders/flashes/", 1);

		HttpResponse<byte[]> redirected = client.feed();
		assertThat(redirected.statusCode()).isEqualTo(308);
		assertThat(redirected.headers().firstValue("Location"))
			.hasValue("http://elsewhere.example/flashinvaders/flashes/");
		assertThat(client.feed().statusCode()).isEqualTo(200);
	}

	@Test
	void statusForNextRequestsThenHealthy() {
		int before = simulator.feedRequests();
		simulator.faults().failWithStatus(503, 2);

		assertThat(client.feed().statusCode()).isEqualTo(503);
		assertThat(client.feed().statusCode()).isEqualTo(503);
		assertThat(client.feed().statusCode()).isEqualTo(200);
		assertThat(simulator.faults().mode()).isEqualTo("healthy");
		assertThat(simulator.feedRequests()).isEqualTo(before + 3);
	}

	@Test
	void rateLimitAnnouncesRetryAfter() {
		simulator.faults().rateLimit(Duration.ofMillis(1500));

		HttpResponse<byte[]> response = client.feed();

		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
	}

	@Test
	void rateLimitForNextRequestsThenHealthy() {
		simulator.faults().rateLimit(Duration.ofSeconds(1), 1);

		assertThat(client.feed().statusCode()).isEqualTo(429);
		assertThat(client.feed().statusCode()).isEqualTo(200);
	}

	@Test
	void latencyDelaysAHealthyResponse() {
		simulator.faults().latency(Duration.ofMillis(300));

		long started = System.nanoTime();
		HttpResponse<byte[]> response = client.feed();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void hangOutlastsTheClientTimeout() {
		simulator.faults().hang();

		assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
			.isThrownBy(() -> client.feedAsync(Duration.ofMillis(300)).get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(HttpTimeoutException.class);
	}

	@Test
	void hangIsReleasedByReset() throws Exception {
		simulator.faults().hang();
		int before = simulator.feedRequests();
		CompletableFuture<HttpResponse<byte[]>> held = client.feedAsync(Duration.ofSeconds(60));
		await().atMost(Duration.ofSeconds(5)).until(() -> simulator.feedRequests() > before);
		assertThat(held).isNotDone();

		simulator.faults().reset();

		assertThat(held.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
	}

	@Test
	void hangIsReleasedByClose() throws Exception {
		FeedSimulator own = FeedSimulator.start(FeedSimulatorSettings.defaults().withInitialFlashes(5));
		own.faults().hang();
		CompletableFuture<HttpResponse<byte[]>> held = new FeedClient(own.baseUri()).feedAsync(Duration.ofSeconds(60));
		await().atMost(Duration.ofSeconds(5)).until(() -> own.feedRequests() == 1);

		long started = System.nanoTime();
		own.close();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		await().atMost(Duration.ofSeconds(5)).until(held::isDone);
		assertThat(held).isCompletedExceptionally();
	}

	@Test
	void malformedJsonIsNotParseable() {
		simulator.faults().malformedJson();

		HttpResponse<byte[]> response = client.feed();

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> client.json(response));
	}

	@Test
	void emptyListsKeepTheCount() {
		String count = Long.toString(simulator.flashCount());
		simulator.faults().emptyLists();

		JsonNode body = client.feedJson();

		assertThat(body.get("flash_count").stringValue()).isEqualTo(count);
		assertThat(body.get("with_paris").isEmpty()).isTrue();
		assertThat(body.get("without_paris").isEmpty()).isTrue();
	}

	@Test
	void invalidRowsAreMixedWithTheGoodOnes() {
		List<SimulatedFlash> window = simulator.window();
		simulator.faults().invalidRows(9);

		JsonNode body = client.feedJson();

		List<JsonNode> rows = new ArrayList<>();
		body.get("with_paris").forEach(rows::add);
		body.get("without_paris").forEach(rows::add);
		assertThat(rows).hasSize(window.size() + 9);
		Set<Long> goodIds = window.stream().map(SimulatedFlash::flashId).collect(Collectors.toSet());
		List<JsonNode> invalid = rows.stream()
			.filter((row) -> !row.path("flash_id").isIntegralNumber()
					|| !goodIds.contains(row.get("flash_id").longValue()))
			.toList();
		assertThat(invalid).hasSize(9);
		assertThat(invalid)
			.anyMatch((row) -> row.path("flash_id").isIntegralNumber() && row.get("flash_id").longValue() < 0);
		assertThat(invalid).anyMatch((row) -> row.path("flash_id").isString());
		assertThat(invalid).anyMatch((row) -> row.has("flash_id") && !row.has("player"));
		assertThat(invalid).anyMatch((row) -> !row.has("flash_id"));
		assertThat(invalid).anyMatch((row) -> row.path("city").asString("").length() >= 10_240);
		assertThat(invalid).anyMatch((row) -> row.path("player").asString("").length() >= 10_240);
		assertThat(invalid).anyMatch((row) -> row.path("text").asString("").length() >= 10_240);
		assertThat(invalid)
			.anyMatch((row) -> row.path("timestamp").asLong(0) > 0 && row.path("timestamp").asLong(0) < 700_000_000L);
		assertThat(invalid).anyMatch((row) -> row.path("timestamp").asLong(0) > 4_000_000_000L);
		// Spread among the good rows, not appended at the end.
		JsonNode others = body.get("without_paris");
		assertThat(others.get(others.size() - 1).path("flash_id").isIntegralNumber()).isTrue();
		assertThat(goodIds).contains(others.get(others.size() - 1).get("flash_id").longValue());
	}

	@Test
	void faultsApplyToTheFeedOnly() {
		simulator.faults().failWithStatus(500);

		assertThat(client.get(simulator.window().get(0).img()).statusCode()).isEqualTo(200);
		assertThat(client.get("/__admin/state").statusCode()).isEqualTo(200);
	}

	@Test
	void refusesNonsense() {
		assertThatIllegalArgumentException().isThrownBy(() -> simulator.faults().failWithStatus(200));
		assertThatIllegalArgumentException().isThrownBy(() -> simulator.faults().failWithStatus(301));
		assertThatIllegalArgumentException().isThrownBy(() -> simulator.faults().redirect(200, "/x"));
		assertThatIllegalArgumentException().isThrownBy(() -> simulator.faults().redirect(301, " "));
		assertThatIllegalArgumentException().isThrownBy(() -> simulator.faults().redirect(301, "/x\r\nSet-Cookie: a"));
		assertThatIllegalArgumentException().isThrownBy(() -> simulator.faults().failWithStatus(500, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> simulator.faults().latency(Duration.ofMinutes(10)));
		assertThatIllegalArgumentException().isThrownBy(() -> simulator.faults().invalidRows(0));
	}

	@Test
	void closedSimulatorRefusesConnections() {
		FeedSimulator own = FeedSimulator.start(FeedSimulatorSettings.defaults().withInitialFlashes(1));
		FeedClient ownClient = new FeedClient(own.baseUri());
		assertThat(ownClient.feed().statusCode()).isEqualTo(200);

		own.close();

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(ownClient::feed)
			.withRootCauseInstanceOf(IOException.class);
	}

}
