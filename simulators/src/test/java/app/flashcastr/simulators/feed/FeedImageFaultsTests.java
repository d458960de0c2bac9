package app.flashcastr.simulators.feed;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FeedImageFaultsTests {

	private static FeedSimulator simulator;

	private static FeedClient client;

	private static String img;

	@BeforeAll
	static void start() {
		simulator = FeedSimulator.start(FeedSimulatorSettings.defaults().withInitialFlashes(10).withWindowSize(10));
		client = new FeedClient(simulator.baseUri());
		img = simulator.window().get(0).img();
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@AfterEach
	void reset() {
		simulator.imageFaults().reset();
		simulator.faults().reset();
	}

	@Test
	void statusUntilReset() {
		simulator.imageFaults().failWithStatus(410);

		assertThat(client.get(img).statusCode()).isEqualTo(410);
		assertThat(client.get(img).statusCode()).isEqualTo(410);
		simulator.imageFaults().reset();
		assertThat(client.get(img).statusCode()).isEqualTo(200);
	}

	@Test
	void statusForNextRequestsThenHealthy() {
		simulator.imageFaults().failWithStatus(500, 2);

		assertThat(client.get(img).statusCode()).isEqualTo(500);
		assertThat(client.get(img).statusCode()).isEqualTo(500);
		assertThat(client.get(img).statusCode()).isEqualTo(200);
		assertThat(simulator.imageFaults().mode()).isEqualTo("healthy");
	}

	@Test
	void latencyDelaysTheImage() {
		simulator.imageFaults().latency(Duration.ofMillis(300));

		long started = System.nanoTime();
		HttpResponse<byte[]> response = client.get(img);

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jpeg");
	}

	@Test
	void notAnImageIsAnHtmlPage() {
		simulator.imageFaults().notAnImage();

		HttpResponse<byte[]> response = client.get(img);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("<html>");
	}

	@Test
	void oversizedAnnouncesItsLength() {
		simulator.imageFaults().oversized(3 * 1024 * 1024);

		HttpResponse<byte[]> response = client.get(img);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jpeg");
		assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(3 * 1024 * 1024);
		assertThat(response.body()).hasSize(3 * 1024 * 1024);
		assertThat(response.body()[0]).isEqualTo((byte) 0xFF);
		assertThat(response.body()[1]).isEqualTo((byte) 0xD8);
	}

	@Test
	void oversizedChunkedHasNoLength() {
		simulator.imageFaults().oversizedChunked(200_000);

		HttpResponse<byte[]> response = client.get(img);

		assertThat(response.headers().firstValue("Content-Length")).isEmpty();
		assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
		assertThat(response.body()).hasSize(200_000);
	}

	@Test
	void imageFaultsApplyToAnyImagePathButNotToTheFeed() {
		simulator.imageFaults().failWithStatus(503);

		assertThat(client.get("/media/queries/2026/01/01/img_unknown.jpg").statusCode()).isEqualTo(503);
		assertThat(client.feed().statusCode()).isEqualTo(200);
		simulator.faults().failWithStatus(500);
		simulator.imageFaults().reset();
		assertThat(client.get(img).statusCode()).isEqualTo(200);
	}

	@Test
	void adminRoundTrip() {
		HttpResponse<byte[]> set = client.post("/__admin/image-faults", """
				{"mode":"oversized","bytes":1000,"chunked":true}""");

		assertThat(set.statusCode()).isEqualTo(200);
		assertThat(client.json(set).get("mode").stringValue()).isEqualTo("oversized");
		assertThat(client.json(set).get("chunked").booleanValue()).isTrue();
		assertThat(client.get(img).body()).hasSize(1000);
		assertThat(post("{\"mode\":\"status\",\"status\":404,\"count\":1}")).isEqualTo("status");
		assertThat(client.get(img).statusCode()).isEqualTo(404);
		assertThat(post("{\"mode\":\"latency\",\"millis\":10}")).isEqualTo("latency");
		assertThat(post("{\"mode\":\"not_an_image\"}")).isEqualTo("not_an_image");
		JsonNode state = client.json(client.get("/__admin/state"));
		assertThat(state.get("imageFault").get("mode").stringValue()).isEqualTo("not_an_image");
		assertThat(state.get("fault").get("mode").stringValue()).isEqualTo("healthy");
		assertThat(client.json(client.get("/__admin/image-faults")).get("mode").stringValue())
			.isEqualTo("not_an_image");

		HttpResponse<byte[]> reset = client.delete("/__admin/image-faults");

		assertThat(client.json(reset).get("mode").stringValue()).isEqualTo("healthy");
		assertThat(client.get(img).statusCode()).isEqualTo(200);
	}

	@Test
	void badRequestsAreExplained() {
		HttpResponse<byte[]> unknown = client.post("/__admin/image-faults", "{\"mode\":\"chaos\"}");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(client.json(unknown).get("error").stringValue()).contains("Unknown mode");
		assertThat(client.post("/__admin/image-faults", "{\"mode\":\"oversized\"}").statusCode()).isEqualTo(400);
		assertThatIllegalArgumentException().isThrownBy(() -> simulator.imageFaults().failWithStatus(302));
		assertThatIllegalArgumentException().isThrownBy(() -> simulator.imageFaults().oversized(0));
	}

	private static String post(String json) {
		HttpResponse<byte[]> response = client.post("/__admin/image-faults", json);
		assertThat(response.statusCode()).isEqualTo(200);
		return client.json(response).get("mode").stringValue();
	}

}
