package app.flashcastr.simulators.ipfs;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class IpfsWireFormatTests {

	private static final String JWT = "test-jwt";

	private static IpfsSimulator simulator;

	private static final IpfsClient client = new IpfsClient();

	@BeforeAll
	static void start() {
		simulator = IpfsSimulator.start(IpfsSimulatorSettings.defaults().withPinataJwt(JWT));
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@Test
	void pinataAnswersLikePinata() {
		byte[] image = bytes("pinata wire format");

		HttpResponse<byte[]> response = client.pinata(simulator.pinataUri(), JWT, image, "img_abc.jpg");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode body = IpfsClient.json(response);
		assertThat(body.get("IpfsHash").stringValue()).isEqualTo(IpfsSimulator.cidOf(image));
		assertThat(body.get("PinSize").isInt()).isTrue();
		assertThat(body.get("PinSize").intValue()).isEqualTo(image.length);
		assertThat(Instant.parse(body.get("Timestamp").stringValue())).isCloseTo(Instant.now(),
				org.assertj.core.api.Assertions.within(Duration.ofMinutes(1).toMillis(),
						java.time.temporal.ChronoUnit.MILLIS));
		assertThat(body.get("isDuplicate").booleanValue()).isFalse();
	}

	@Test
	void pinataReportsDuplicates() {
		byte[] image = bytes("pinned twice");
		client.pinata(simulator.pinataUri(), JWT, image, "a.jpg");

		JsonNode second = IpfsClient.json(client.pinata(simulator.pinataUri(), JWT, image, "b.jpg"));

		assertThat(second.get("isDuplicate").booleanValue()).isTrue();
		assertThat(simulator.pinsOf(IpfsSimulator.cidOf(image))).isEqualTo(2);
	}

	@Test
	void pinataRefusesAWrongOrMissingJwt() {
		for (String jwt : new String[] { "wrong", null }) {
			HttpResponse<byte[]> response = client.pinata(simulator.pinataUri(), jwt, bytes("x"), "x.jpg");

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(
					"{\"error\":{\"reason\":\"INVALID_CREDENTIALS\",\"details\":\"Invalid/expired credentials\"}}");
		}
	}

	@Test
	void pinataAcceptsOptionsButOnlyCidV0() {
		Map<String, IpfsClient.Part> parts = new LinkedHashMap<>();
		parts.put("file", new IpfsClient.Part("o.jpg", "image/jpeg", bytes("options")));
		parts.put("pinataOptions", IpfsClient.Part.json("{\"cidVersion\":0}"));
		assertThat(client.send(client.pinataRequest(simulator.pinataUri(), JWT, parts, Duration.ofSeconds(10)))
			.statusCode()).isEqualTo(200);

		parts.put("pinataOptions", IpfsClient.Part.json("{\"cidVersion\":1}"));
		assertThat(client.send(client.pinataRequest(simulator.pinataUri(), JWT, parts, Duration.ofSeconds(10)))
			.statusCode()).isEqualTo(400);
	}

	@Test
	void pinataExplainsABadRequest() {
		Map<String, IpfsClient.Part> noFile = Map.of("pinataMetadata", IpfsClient.Part.json("{\"name\":\"x\"}"));
		HttpResponse<byte[]> missing = client
			.send(client.pinataRequest(simulator.pinataUri(), JWT, noFile, Duration.ofSeconds(10)));
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(IpfsClient.json(missing).get("error").get("reason").stringValue()).isEqualTo("INVALID_REQUEST");

		Map<String, IpfsClient.Part> badMetadata = new LinkedHashMap<>();
		badMetadata.put("file", new IpfsClient.Part("x.jpg", "image/jpeg", bytes("x")));
		badMetadata.put("pinataMetadata", IpfsClient.Part.json("{not json"));
		assertThat(client.send(client.pinataRequest(simulator.pinataUri(), JWT, badMetadata, Duration.ofSeconds(10)))
			.statusCode()).isEqualTo(400);
	}

	@Test
	void kuboAnswersLikeKubo() {
		byte[] image = bytes("kubo wire format");

		HttpResponse<byte[]> response = client.kubo(simulator.kuboUri(), "?pin=true&cid-version=0", image,
				"img_kubo.jpg");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = IpfsClient.json(response);
		assertThat(body.get("Name").stringValue()).isEqualTo("img_kubo.jpg");
		assertThat(body.get("Hash").stringValue()).isEqualTo(IpfsSimulator.cidOf(image));
		assertThat(body.get("Size").isString()).isTrue();
		assertThat(body.get("Size").stringValue()).isEqualTo(Integer.toString(image.length));
		assertThat(simulator.pinsOf(IpfsSimulator.cidOf(image))).isEqualTo(1);
	}

	@Test
	void kuboAddWithoutPinIsNoPin() {
		byte[] image = bytes("added, not pinned");

		assertThat(client.kubo(simulator.kuboUri(), "?pin=false", image, "n.jpg").statusCode()).isEqualTo(200);

		assertThat(simulator.pinsOf(IpfsSimulator.cidOf(image))).isZero();
	}

	@Test
	void kuboRefusesOtherCidVersionsAndMissingFiles() {
		HttpResponse<byte[]> v1 = client.kubo(simulator.kuboUri(), "?cid-version=1", bytes("v1"), "v1.jpg");
		assertThat(v1.statusCode()).isEqualTo(400);
		assertThat(IpfsClient.json(v1).get("Type").stringValue()).isEqualTo("error");

		HttpResponse<byte[]> notMultipart = client.post(URI.create(simulator.kuboUri() + "/api/v0/add"), "{}");
		assertThat(notMultipart.statusCode()).isEqualTo(400);
	}

	@Test
	void bothApisGiveTheSameCidForTheSameBytes() {
		byte[] image = bytes("same everywhere");

		String pinata = IpfsClient.json(client.pinata(simulator.pinataUri(), JWT, image, "s.jpg"))
			.get("IpfsHash")
			.stringValue();
		String kubo = IpfsClient.json(client.kubo(simulator.kuboUri(), "", image, "s.jpg")).get("Hash").stringValue();

		assertThat(pinata).isEqualTo(kubo).isEqualTo(IpfsSimulator.cidOf(image));
		assertThat(simulator.pinsOf(pinata)).isEqualTo(2);
	}

	@Test
	void otherRoutesAndMethodsAreRefused() {
		assertThat(client.get(URI.create(simulator.kuboUri() + "/api/v0/add")).statusCode()).isEqualTo(405);
		assertThat(client.get(URI.create(simulator.pinataUri() + "/pinning/pinFileToIPFS")).statusCode())
			.isEqualTo(405);
		assertThat(client.get(URI.create(simulator.pinataUri() + "/data/testAuthentication")).statusCode())
			.isEqualTo(404);
	}

	@Test
	void largeBinaryFilesSurviveTheMultipartRoundTrip() {
		byte[] image = new byte[3 * 1024 * 1024];
		new java.util.Random(7).nextBytes(image);

		JsonNode body = IpfsClient.json(client.pinata(simulator.pinataUri(), JWT, image, "big.jpg"));

		assertThat(body.get("IpfsHash").stringValue()).isEqualTo(IpfsSimulator.cidOf(image));
		assertThat(body.get("PinSize").intValue()).isEqualTo(image.length);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
