package app.flashcastr.simulators.feed;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class FeedAdminTests {

	private static FeedSimulator simulator;

	private static FeedClient client;

	@BeforeAll
	static void start() {
		simulator = FeedSimulator.start(FeedSimulatorSettings.defaults().withInitialFlashes(40).withWindowSize(40));
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

	@Test
	void statusFaultRoundTrip() {
		HttpResponse<byte[]> set = client.post("/__admin/faults", """
				{"mode":"status","status":500,"count":3}""");

		assertThat(set.statusCode()).isEqualTo(200);
		assertThat(client.json(set).get("mode").stringValue()).isEqualTo("status");
		assertThat(client.json(set).get("remaining").intValue()).isEqualTo(3);
		assertThat(client.feed().statusCode()).isEqualTo(500);
		JsonNode state = client.json(client.get("/__admin/state"));
		assertThat(state.get("fault").get("mode").stringValue()).isEqualTo("status");
		assertThat(state.get("fault").get("remaining").intValue()).isEqualTo(2);

		HttpResponse<byte[]> reset = client.delete("/__admin/faults");

		assertThat(client.json(reset).get("mode").stringValue()).isEqualTo("healthy");
		assertThat(client.feed().statusCode()).isEqualTo(200);
	}

	@Test
	void redirectRoundTripAsStatusOrRedirectMode() {
		HttpResponse<byte[]> set = client.post("/__admin/faults", """
				{"mode":"status","status":301,"location":"/flashinvaders/flashes","count":1}""");

		assertThat(set.statusCode()).isEqualTo(200);
		assertThat(client.json(set).get("mode").stringValue()).isEqualTo("redirect");
		assertThat(client.json(set).get("location").stringValue()).isEqualTo("/flashinvaders/flashes");
		HttpResponse<byte[]> redirected = client.feed();
		assertThat(redirected.statusCode()).isEqualTo(301);
		assertThat(redirected.headers().firstValue("Location")).hasValue("/flashinvaders/flashes");
		assertThat(client.feed().statusCode()).isEqualTo(200);

		assertThat(post("{\"mode\":\"redirect\",\"status\":302,\"location\":\"/moved/\"}")).isEqualTo("redirect");
		assertThat(client.feed().statusCode()).isEqualTo(302);
		HttpResponse<byte[]> noLocation = client.post("/__admin/faults", "{\"mode\":\"status\",\"status\":301}");
		assertThat(noLocation.statusCode()).isEqualTo(400);
		assertThat(client.json(noLocation).get("error").stringValue()).contains("location");
	}

	@Test
	void everyModeIsReachable() {
		assertThat(post("{\"mode\":\"rate_limit\",\"retryAfterSeconds\":2}")).isEqualTo("rate_limit");
		assertThat(client.feed().headers().firstValue("Retry-After")).hasValue("2");
		assertThat(post("{\"mode\":\"latency\",\"millis\":10}")).isEqualTo("latency");
		assertThat(post("{\"mode\":\"timeout\"}")).isEqualTo("timeout");
		assertThat(post("{\"mode\":\"malformed\"}")).isEqualTo("malformed");
		assertThat(post("{\"mode\":\"empty\"}")).isEqualTo("empty");
		assertThat(client.feedJson().get("without_paris").isEmpty()).isTrue();
		assertThat(post("{\"mode\":\"invalid_rows\",\"count\":5}")).isEqualTo("invalid_rows");
		assertThat(client.feedJson().get("without_paris").size() + client.feedJson().get("with_paris").size())
			.isEqualTo(45);
		assertThat(post("{\"mode\":\"healthy\"}")).isEqualTo("healthy");
	}

	@Test
	void badRequestsAreExplained() {
		HttpResponse<byte[]> unknown = client.post("/__admin/faults", "{\"mode\":\"chaos\"}");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(client.json(unknown).get("error").stringValue()).contains("Unknown mode");
		assertThat(client.post("/__admin/faults", "{\"mode\":\"status\"}").statusCode()).isEqualTo(400);
		assertThat(client.post("/__admin/faults", "{not json").statusCode()).isEqualTo(400);
		assertThat(client.post("/__admin/flashes", "{\"count\":0}").statusCode()).isEqualTo(400);
		assertThat(client.get("/__admin/nothing").statusCode()).isEqualTo(404);
	}

	@Test
	void emitFlashesRoundTrip() {
		long before = simulator.flashCount();

		HttpResponse<byte[]> response = client.post("/__admin/flashes", "{\"count\":3}");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = client.json(response);
		assertThat(body.get("flash_count").stringValue()).isEqualTo(Long.toString(before + 3));
		assertThat(body.get("flashes").size()).isEqualTo(3);
		long newest = body.get("flashes").get(2).get("flash_id").longValue();
		assertThat(simulator.window().get(0).flashId()).isEqualTo(newest);
	}

	@Test
	void emitOneSpecificFlash() {
		HttpResponse<byte[]> response = client.post("/__admin/flashes",
				"{\"player\":\"X_PLAYER\",\"city\":\"Lyon\",\"paris\":false}");

		JsonNode flash = client.json(response).get("flashes").get(0);
		assertThat(flash.get("player").stringValue()).isEqualTo("X_PLAYER");
		assertThat(flash.get("city").stringValue()).isEqualTo("Lyon");
		JsonNode top = client.feedJson().get("without_paris").get(0);
		assertThat(top.get("flash_id").longValue()).isEqualTo(flash.get("flash_id").longValue());

		JsonNode paris = client.json(client.post("/__admin/flashes", "{\"player\":\"Y_PLAYER\",\"city\":\"Paris\"}"))
			.get("flashes")
			.get(0);
		assertThat(client.feedJson().get("with_paris").get(0).get("flash_id").longValue())
			.isEqualTo(paris.get("flash_id").longValue());
	}

	@Test
	void stateCountsRequestsAndFlashes() {
		int requests = simulator.feedRequests();
		client.feed();
		client.get("/flashinvaders/flashes");
		simulator.emitFlashes(2);

		JsonNode state = client.json(client.get("/__admin/state"));

		assertThat(state.get("feedRequests").intValue()).isEqualTo(requests + 1);
		assertThat(state.get("redirects").intValue()).isPositive();
		assertThat(state.get("flashesEmitted").longValue()).isGreaterThanOrEqualTo(2);
		assertThat(state.get("initialFlashes").intValue()).isEqualTo(40);
		assertThat(state.get("flashCount").stringValue()).isEqualTo(Long.toString(simulator.flashCount()));
		assertThat(state.get("fault").get("mode").stringValue()).isEqualTo("healthy");
	}

	private String post(String json) {
		HttpResponse<byte[]> response = client.post("/__admin/faults", json);
		assertThat(response.statusCode()).isEqualTo(200);
		return client.json(response).get("mode").stringValue();
	}

}
