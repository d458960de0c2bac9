package app.flashcastr.simulators.feed;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class FeedWireFormatTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");

	private static final List<String> PARIS_PLAYERS = List.of("PARIS_ONE", "paris.two");

	private static FeedSimulator simulator;

	private static FeedClient client;

	@BeforeAll
	static void start() {
		simulator = FeedSimulator
			.start(FeedSimulatorSettings.defaults().withParisPlayers(PARIS_PLAYERS).withClock(new MutableClock(NOW)));
		client = new FeedClient(simulator.baseUri());
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@Test
	void baseUriIsLoopbackWithoutTrailingSlash() {
		assertThat(simulator.baseUri().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
	}

	@Test
	void feedSpeaksTheUpstreamTypes() {
		HttpResponse<byte[]> response = client.feed();

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode body = client.json(response);
		assertThat(body.get("flash_count").isString()).isTrue();
		assertThat(body.get("flash_count").stringValue()).isEqualTo(Long.toString(simulator.flashCount()));
		assertThat(Long.parseLong(body.get("flash_count").stringValue())).isBetween(41_000_000L, 42_000_000L);
		assertThat(body.get("player_count").isString()).isTrue();
		assertThat(body.get("with_paris").isArray()).isTrue();
		assertThat(body.get("without_paris").isArray()).isTrue();
		for (JsonNode flash : allFlashes(body)) {
			assertThat(flash.get("flash_id").isIntegralNumber()).isTrue();
			assertThat(flash.get("flash_id").longValue()).isBetween(77_000_000L, 78_000_000L);
			assertThat(flash.get("img").stringValue()).matches("/media/queries/\\d{4}/\\d{2}/\\d{2}/img_\\w{7}\\.jpg");
			assertThat(flash.get("city").isString()).isTrue();
			assertThat(flash.get("text").isString()).isTrue();
			assertThat(flash.get("player").isString()).isTrue();
			assertThat(flash.get("timestamp").isIntegralNumber()).isTrue();
			assertThat(flash.get("timestamp").longValue()).isLessThanOrEqualTo(NOW.getEpochSecond())
				.isGreaterThan(NOW.minusSeconds(24 * 3600).getEpochSecond());
			assertThat(flash.get("flash_count").isString()).isTrue();
			assertThat(Long.parseLong(flash.get("flash_count").stringValue())).isPositive();
		}
	}

	@Test
	void windowOfThreeHundredSplitByParis() {
		JsonNode body = client.feedJson();

		assertThat(body.get("with_paris").size() + body.get("without_paris").size()).isEqualTo(300);
		// parisShare 0.3 of 300: comfortably between these bounds for any seed.
		assertThat(body.get("with_paris").size()).isBetween(50, 130);
		body.get("with_paris").forEach((flash) -> {
			assertThat(flash.get("city").stringValue()).isEqualTo("Paris");
			assertThat(flash.get("player").stringValue()).isIn(PARIS_PLAYERS);
		});
		body.get("without_paris").forEach((flash) -> {
			assertThat(flash.get("city").stringValue()).isNotEqualTo("Paris");
			assertThat(flash.get("player").stringValue()).isNotIn(PARIS_PLAYERS);
		});
	}

	@Test
	void listsAreNewestFirstAndMatchTheWindow() {
		JsonNode body = client.feedJson();

		for (String list : List.of("with_paris", "without_paris")) {
			List<Long> ids = new ArrayList<>();
			body.get(list).forEach((flash) -> ids.add(flash.get("flash_id").longValue()));
			assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a)).doesNotHaveDuplicates();
		}
		List<SimulatedFlash> window = simulator.window();
		assertThat(window).hasSize(300);
		SimulatedFlash newest = window.get(0);
		JsonNode newestOnWire = newest.paris() ? body.get("with_paris").get(0) : body.get("without_paris").get(0);
		assertThat(newestOnWire.get("flash_id").longValue()).isEqualTo(newest.flashId());
		assertThat(newestOnWire.get("img").stringValue()).isEqualTo(newest.img());
		assertThat(newestOnWire.get("player").stringValue()).isEqualTo(newest.player());
		assertThat(newestOnWire.get("timestamp").longValue()).isEqualTo(newest.timestamp());
		assertThat(newestOnWire.get("flash_count").stringValue()).isEqualTo(newest.flashCount());
	}

	@Test
	void responseIsAboutUpstreamSize() {
		// Upstream: about 138 KB for about 300 flashes.
		assertThat(client.feed().body().length).isBetween(110_000, 170_000);
	}

	@Test
	void pathWithoutTrailingSlashRedirects() {
		HttpResponse<byte[]> response = client.get("/flashinvaders/flashes");

		assertThat(response.statusCode()).isEqualTo(301);
		assertThat(response.headers().firstValue("Location")).hasValue("/flashinvaders/flashes/");
	}

	@Test
	void unknownPathsAndMethodsAreRefused() {
		assertThat(client.get("/nothing-here").statusCode()).isEqualTo(404);
		assertThat(client.post("/flashinvaders/flashes/", "{}").statusCode()).isEqualTo(405);
	}

	private static List<JsonNode> allFlashes(JsonNode body) {
		List<JsonNode> flashes = new ArrayList<>();
		body.get("with_paris").forEach(flashes::add);
		body.get("without_paris").forEach(flashes::add);
		return flashes;
	}

}
