package app.flashcastr.simulators.ipfs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class IpfsAdminTests {

	private static final String JWT = IpfsSimulatorSettings.defaults().pinataJwt();

	private static IpfsSimulator simulator;

	private static final IpfsClient client = new IpfsClient();

	@BeforeAll
	static void start() {
		simulator = IpfsSimulator.start(IpfsSimulatorSettings.defaults());
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@AfterEach
	void reset() {
		simulator.pinataFaults().reset();
		simulator.kuboFaults().reset();
	}

	@Test
	void statusFaultRoundTrip() {
		HttpResponse<byte[]> set = client.post(admin(simulator.pinataUri(), "faults"), """
				{"mode":"status","status":503,"count":2}""");

		assertThat(set.statusCode()).isEqualTo(200);
		assertThat(IpfsClient.json(set).get("mode").stringValue()).isEqualTo("status");
		assertThat(IpfsClient.json(set).get("remaining").intValue()).isEqualTo(2);
		assertThat(client.pinata(simulator.pinataUri(), JWT, bytes("a"), "a.jpg").statusCode()).isEqualTo(503);
		JsonNode state = IpfsClient.json(client.get(admin(simulator.pinataUri(), "state")));
		assertThat(state.get("api").stringValue()).isEqualTo("pinata");
		assertThat(state.get("fault").get("remaining").intValue()).isEqualTo(1);

		HttpResponse<byte[]> reset = client.delete(admin(simulator.pinataUri(), "faults"));

		assertThat(IpfsClient.json(reset).get("mode").stringValue()).isEqualTo("healthy");
		assertThat(client.pinata(simulator.pinataUri(), JWT, bytes("a"), "a.jpg").statusCode()).isEqualTo(200);
	}

	@Test
	void everyModeIsReachable() {
		URI kubo = simulator.kuboUri();
		assertThat(post(kubo, "{\"mode\":\"rate_limit\",\"retryAfterSeconds\":4}")).isEqualTo("rate_limit");
		assertThat(client.kubo(kubo, "", bytes("m"), "m.jpg").headers().firstValue("Retry-After")).hasValue("4");
		assertThat(post(kubo, "{\"mode\":\"latency\",\"millis\":10}")).isEqualTo("latency");
		assertThat(post(kubo, "{\"mode\":\"timeout\"}")).isEqualTo("timeout");
		assertThat(post(kubo, "{\"mode\":\"healthy\"}")).isEqualTo("healthy");
	}

	@Test
	void timedOutageThroughTheAdminApi() {
		assertThat(post(simulator.kuboUri(), "{\"mode\":\"outage\",\"millis\":1500}")).isEqualTo("outage");

		// The listener stops asynchronously and a pooled keep-alive connection may still
		// answer once: wait for it.
		await().atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> unreachable(simulator.kuboUri()));
		await().atMost(Duration.ofSeconds(5))
			.ignoreExceptions()
			.until(() -> client.get(admin(simulator.kuboUri(), "state")).statusCode() == 200);
		assertThat(client.kubo(simulator.kuboUri(), "", bytes("o"), "o.jpg").statusCode()).isEqualTo(200);
	}

	private static boolean unreachable(URI api) {
		try {
			client.get(admin(api, "state"));
			return false;
		}
		catch (RuntimeException ex) {
			// Refused, or a pooled keep-alive connection dropped by the outage:
			// unreachable either way.
			return ex.getCause() instanceof IOException;
		}
	}

	@Test
	void stateAndPinsCount() {
		byte[] image = bytes("counted");
		String cid = IpfsSimulator.cidOf(image);
		client.kubo(simulator.kuboUri(), "", image, "c.jpg");
		client.pinata(simulator.pinataUri(), JWT, image, "c.jpg");

		JsonNode kuboPins = IpfsClient.json(client.get(URI.create(simulator.kuboUri() + "/__admin/pins?cid=" + cid)));
		assertThat(kuboPins.get("pins").intValue()).isEqualTo(1);
		assertThat(kuboPins.get("pinsBothApis").intValue()).isEqualTo(2);
		JsonNode state = IpfsClient.json(client.get(admin(simulator.kuboUri(), "state")));
		assertThat(state.get("api").stringValue()).isEqualTo("kubo");
		assertThat(state.get("bothApis").get("successfulPins").intValue()).isEqualTo(simulator.successfulPins());
		assertThat(state.get("pinRequests").intValue()).isPositive();
	}

	@Test
	void badRequestsAreExplained() {
		URI pinata = simulator.pinataUri();
		HttpResponse<byte[]> unknown = client.post(admin(pinata, "faults"), "{\"mode\":\"chaos\"}");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(IpfsClient.json(unknown).get("error").stringValue()).contains("Unknown mode");
		HttpResponse<byte[]> endlessOutage = client.post(admin(pinata, "faults"), "{\"mode\":\"outage\"}");
		assertThat(endlessOutage.statusCode()).isEqualTo(400);
		assertThat(IpfsClient.json(endlessOutage).get("error").stringValue()).contains("millis");
		assertThat(client.post(admin(pinata, "faults"), "{not json").statusCode()).isEqualTo(400);
		assertThat(client.get(admin(pinata, "pins")).statusCode()).isEqualTo(400);
		assertThat(client.get(admin(pinata, "nothing")).statusCode()).isEqualTo(404);
	}

	private static String post(URI base, String json) {
		HttpResponse<byte[]> response = client.post(admin(base, "faults"), json);
		assertThat(response.statusCode()).isEqualTo(200);
		return IpfsClient.json(response).get("mode").stringValue();
	}

	private static URI admin(URI base, String route) {
		return URI.create(base + "/__admin/" + route);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
