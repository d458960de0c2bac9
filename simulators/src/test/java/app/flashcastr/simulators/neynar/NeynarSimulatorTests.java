package app.flashcastr.simulators.neynar;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Keys;
import tools.jackson.databind.JsonNode;

import static app.flashcastr.simulators.neynar.NeynarTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NeynarSimulatorTests {

	private static NeynarSimulator neynar;

	private static NeynarTestClient client;

	@BeforeAll
	static void start() {
		neynar = NeynarSimulator.start(NeynarSimulatorSettings.defaults());
		client = new NeynarTestClient(neynar.baseUri(), neynar.apiKey());
	}

	@AfterAll
	static void stop() {
		neynar.close();
	}

	@BeforeEach
	void reset() {
		neynar.faults().reset();
		neynar.approveAfterLookups(2);
		neynar.approvedFid(0);
	}

	@Test
	void devMnemonicDerivesTheDevAppAccount() {
		assertThat("0x" + Keys.getAddress(NeynarTestClient.devKeyPair()))
			.isEqualToIgnoringCase(NeynarSimulator.DEV_APP_CUSTODY_ADDRESS);
		JsonNode user = json(client
			.get("/v2/farcaster/user/custody-address?custody_address=" + NeynarSimulator.DEV_APP_CUSTODY_ADDRESS))
			.get("user");
		assertThat(user.get("fid").intValue()).isEqualTo(NeynarSimulator.DEV_APP_FID);
	}

	@Test
	void requiresTheApiKey() {
		for (NeynarTestClient wrong : List.of(new NeynarTestClient(neynar.baseUri(), null),
				new NeynarTestClient(neynar.baseUri(), "wrong-key"))) {
			HttpResponse<String> response = wrong.post("/v2/farcaster/signer", Map.of());
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
			assertThat(json(response).get("code").stringValue()).isEqualTo("Unauthorized");
			assertThat(json(response).get("message").stringValue()).isNotBlank();
		}
	}

	@Test
	void createsASigner() {
		HttpResponse<String> response = client.post("/v2/farcaster/signer", Map.of());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode signer = json(response);
		assertThat(signer.get("signer_uuid").stringValue()).matches("[0-9a-f-]{36}");
		assertThat(signer.get("public_key").stringValue()).matches("0x[0-9a-f]{64}");
		assertThat(signer.get("status").stringValue()).isEqualTo("generated");
	}

	@Test
	void acceptsAWeb3jSignedKeyRequestThenApprovesAtTheSecondLookup() {
		JsonNode pending = client.pendingSigner();
		assertThat(pending.get("status").stringValue()).isEqualTo("pending_approval");
		assertThat(pending.get("signer_approval_url").stringValue())
			.startsWith("https://client.warpcast.com/deeplinks/signed-key-request?token=0x");
		assertThat(pending.has("fid")).isFalse();
		String uuid = pending.get("signer_uuid").stringValue();

		JsonNode first = json(client.get("/v2/farcaster/signer?signer_uuid=" + uuid));
		assertThat(first.get("status").stringValue()).isEqualTo("pending_approval");
		JsonNode second = json(client.get("/v2/farcaster/signer?signer_uuid=" + uuid));
		assertThat(second.get("status").stringValue()).isEqualTo("approved");
		int fid = second.get("fid").intValue();
		assertThat(fid).isPositive();
		JsonNode third = json(client.get("/v2/farcaster/signer?signer_uuid=" + uuid));
		assertThat(third.get("fid").intValue()).isEqualTo(fid);

		JsonNode users = json(client.get("/v2/farcaster/user/bulk?fids=" + fid)).get("users");
		assertThat(users).hasSize(1);
		assertThat(users.get(0).get("username").stringValue()).isEqualTo("farcaster-" + fid);
	}

	@Test
	void refusesTamperedOrForeignSignatures() {
		JsonNode signer = json(client.post("/v2/farcaster/signer", Map.of()));
		String uuid = signer.get("signer_uuid").stringValue();
		String key = signer.get("public_key").stringValue();
		long deadline = System.currentTimeMillis() / 1000 + 3600;
		String good = NeynarTestClient.sign(NeynarTestClient.devKeyPair(), NeynarSimulator.DEV_APP_FID, key, deadline);
		String flipped = good.substring(0, 10) + ((good.charAt(10) == '0') ? '1' : '0') + good.substring(11);
		String foreign = NeynarTestClient.sign(NeynarTestClient.otherKeyPair(), NeynarSimulator.DEV_APP_FID, key,
				deadline);
		String otherKey = NeynarTestClient.sign(NeynarTestClient.devKeyPair(), NeynarSimulator.DEV_APP_FID,
				"0x" + "ab".repeat(32), deadline);

		assertThat(client
			.post("/v2/farcaster/signer/signed_key",
					NeynarTestClient.signedKey(uuid, NeynarSimulator.DEV_APP_FID, deadline + 1, good))
			.statusCode()).isEqualTo(400);
		for (String bad : List.of(flipped, foreign, otherKey, "0x1234")) {
			HttpResponse<String> response = client.post("/v2/farcaster/signer/signed_key",
					NeynarTestClient.signedKey(uuid, NeynarSimulator.DEV_APP_FID, deadline, bad));
			assertThat(response.statusCode()).as(bad).isEqualTo(400);
		}
		assertThat(client
			.post("/v2/farcaster/signer/signed_key", NeynarTestClient.signedKey(uuid, 999_999, deadline, good))
			.statusCode()).isEqualTo(400);
		long past = System.currentTimeMillis() / 1000 - 10;
		String expired = NeynarTestClient.sign(NeynarTestClient.devKeyPair(), NeynarSimulator.DEV_APP_FID, key, past);
		assertThat(client
			.post("/v2/farcaster/signer/signed_key",
					NeynarTestClient.signedKey(uuid, NeynarSimulator.DEV_APP_FID, past, expired))
			.statusCode()).isEqualTo(400);
		assertThat(json(client.get("/v2/farcaster/signer?signer_uuid=" + uuid)).get("status").stringValue())
			.isEqualTo("generated");

		HttpResponse<String> accepted = client.post("/v2/farcaster/signer/signed_key",
				NeynarTestClient.signedKey(uuid, NeynarSimulator.DEV_APP_FID, deadline, good));
		assertThat(accepted.statusCode()).isEqualTo(200);
		assertThat(client
			.post("/v2/farcaster/signer/signed_key",
					NeynarTestClient.signedKey("no-such-signer", NeynarSimulator.DEV_APP_FID, deadline, good))
			.statusCode()).isEqualTo(404);
	}

	@Test
	void verifiesAgainstARegisteredAppAccount() {
		neynar.registerApp(31337, "0x" + Keys.getAddress(NeynarTestClient.otherKeyPair()).toUpperCase());
		JsonNode signer = json(client.post("/v2/farcaster/signer", Map.of()));
		long deadline = System.currentTimeMillis() / 1000 + 3600;
		String signature = NeynarTestClient.sign(NeynarTestClient.otherKeyPair(), 31337,
				signer.get("public_key").stringValue(), deadline);
		assertThat(
				client
					.post("/v2/farcaster/signer/signed_key",
							NeynarTestClient.signedKey(signer.get("signer_uuid").stringValue(), 31337, deadline,
									signature))
					.statusCode())
			.isEqualTo(200);
	}

	@Test
	void approvesAtTheConfiguredLookupWithTheConfiguredFid() {
		neynar.approveAfterLookups(1);
		neynar.approvedFid(4321);
		neynar.registerUser(4321, "alice", "https://example.com/alice.png");
		String uuid = client.pendingSigner().get("signer_uuid").stringValue();
		JsonNode signer = json(client.get("/v2/farcaster/signer?signer_uuid=" + uuid));
		assertThat(signer.get("status").stringValue()).isEqualTo("approved");
		assertThat(signer.get("fid").intValue()).isEqualTo(4321);
		assertThat(client.get("/v2/farcaster/signer?signer_uuid=unknown").statusCode()).isEqualTo(404);
	}

	@Test
	void revokedSignersAreReportedAndCannotCast() {
		neynar.approveAfterLookups(1);
		String uuid = client.pendingSigner().get("signer_uuid").stringValue();
		client.get("/v2/farcaster/signer?signer_uuid=" + uuid);
		assertThat(cast(uuid, "before", null).statusCode()).isEqualTo(200);
		neynar.revoke(uuid);
		assertThat(json(client.get("/v2/farcaster/signer?signer_uuid=" + uuid)).get("status").stringValue())
			.isEqualTo("revoked");
		HttpResponse<String> refused = cast(uuid, "after", null);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(json(refused).get("code").stringValue()).isEqualTo("Forbidden");
		assertThat(cast("unknown-signer", "x", null).statusCode()).isEqualTo(403);
		String pending = client.pendingSigner().get("signer_uuid").stringValue();
		assertThat(cast(pending, "not approved yet", null).statusCode()).isEqualTo(403);
		assertThatIllegalArgumentException().isThrownBy(() -> neynar.revoke("unknown"));
	}

	@Test
	void aRepeatedIdemReturnsTheSameCast() {
		neynar.approveAfterLookups(1);
		neynar.approvedFid(555);
		neynar.registerUser(555, "bob", null);
		String uuid = client.pendingSigner().get("signer_uuid").stringValue();
		client.get("/v2/farcaster/signer?signer_uuid=" + uuid);
		int before = neynar.totalCasts();

		HttpResponse<String> first = cast(uuid, "I just flashed an Invader in Paris! 👾", "flash-77");
		HttpResponse<String> second = cast(uuid, "I just flashed an Invader in Paris! 👾", "flash-77");
		assertThat(first.statusCode()).isEqualTo(200);
		JsonNode body = json(first);
		assertThat(body.get("success").booleanValue()).isTrue();
		assertThat(body.at("/cast/hash").stringValue()).matches("0x[0-9a-f]{40}");
		assertThat(body.at("/cast/author/fid").intValue()).isEqualTo(555);
		assertThat(body.at("/cast/text").stringValue()).isEqualTo("I just flashed an Invader in Paris! 👾");
		assertThat(json(second).at("/cast/hash").stringValue()).isEqualTo(body.at("/cast/hash").stringValue());
		assertThat(neynar.castsFor("flash-77")).isEqualTo(2);
		assertThat(neynar.totalCasts()).isEqualTo(before + 1);

		cast(uuid, "no idem", null);
		cast(uuid, "no idem", null);
		assertThat(neynar.totalCasts()).isEqualTo(before + 3);
		assertThat(neynar.castsFor("never-used")).isZero();
		SimulatedCast last = neynar.casts().get(neynar.casts().size() - 3);
		assertThat(last.embedUrls()).containsExactly("https://www.flashcastr.app/flash/77");
		assertThat(last.channelId()).isEqualTo("invaders");
		assertThat(last.idem()).isEqualTo("flash-77");
	}

	@Test
	void looksUpUsersInBulkAndByCustodyAddress() {
		neynar.registerUser(1001, "carol", "https://example.com/carol.png");
		neynar.registerUser(1002, "dave", null);
		JsonNode users = json(client.get("/v2/farcaster/user/bulk?fids=1001,1002,987654")).get("users");
		assertThat(users).hasSize(2);
		assertThat(users.get(0).get("fid").intValue()).isEqualTo(1001);
		assertThat(users.get(0).get("username").stringValue()).isEqualTo("carol");
		assertThat(users.get(0).get("pfp_url").stringValue()).isEqualTo("https://example.com/carol.png");
		String custody = users.get(0).get("custody_address").stringValue();
		assertThat(custody).matches("0x[0-9a-f]{40}");
		assertThat(json(client
			.get("/v2/farcaster/user/custody-address?custody_address=" + custody.toUpperCase().replace("0X", "0x")))
			.at("/user/username")
			.stringValue()).isEqualTo("carol");
		assertThat(client.get("/v2/farcaster/user/custody-address?custody_address=0x" + "00".repeat(20)).statusCode())
			.isEqualTo(404);
		assertThat(client.get("/v2/farcaster/user/custody-address?custody_address=nope").statusCode()).isEqualTo(400);
		String tooMany = IntStream.rangeClosed(1, 101).mapToObj(Integer::toString).collect(Collectors.joining(","));
		assertThat(client.get("/v2/farcaster/user/bulk?fids=" + tooMany).statusCode()).isEqualTo(400);
		assertThat(client.get("/v2/farcaster/user/bulk?fids=a,b").statusCode()).isEqualTo(400);
	}

	@Test
	void faultSwitches() {
		neynar.faults().failWithStatus(503, 2);
		assertThat(client.post("/v2/farcaster/signer", Map.of()).statusCode()).isEqualTo(503);
		assertThat(client.post("/v2/farcaster/signer", Map.of()).statusCode()).isEqualTo(503);
		assertThat(client.post("/v2/farcaster/signer", Map.of()).statusCode()).isEqualTo(200);

		neynar.faults().rateLimit(Duration.ofMillis(1500));
		HttpResponse<String> limited = client.get("/v2/farcaster/user/bulk?fids=1");
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");

		neynar.faults().failWithStatus(401);
		assertThat(json(client.get("/v2/farcaster/user/bulk?fids=1")).get("code").stringValue())
			.isEqualTo("Unauthorized");
		neynar.faults().failWithStatus(403);
		assertThat(client.get("/v2/farcaster/user/bulk?fids=1").statusCode()).isEqualTo(403);

		neynar.faults().latency(Duration.ofMillis(300));
		long started = System.nanoTime();
		assertThat(client.get("/v2/farcaster/user/bulk?fids=1").statusCode()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

		neynar.faults().reset();
		assertThat(neynar.faults().mode()).isEqualTo("healthy");
		assertThatIllegalArgumentException().isThrownBy(() -> neynar.faults().failWithStatus(200));
	}

	@Test
	void adminApiSwitchesFaultsAndShowsState() {
		NeynarTestClient admin = new NeynarTestClient(neynar.baseUri(), null);
		HttpResponse<String> set = admin.post("/__admin/faults", Map.of("mode", "status", "status", 500, "count", 1));
		assertThat(json(set).get("mode").stringValue()).isEqualTo("status");
		assertThat(json(set).get("remaining").intValue()).isEqualTo(1);
		assertThat(client.get("/v2/farcaster/user/bulk?fids=1").statusCode()).isEqualTo(500);
		assertThat(client.get("/v2/farcaster/user/bulk?fids=1").statusCode()).isEqualTo(200);

		admin.post("/__admin/faults", Map.of("mode", "rate_limit", "retryAfterSeconds", 3));
		assertThat(client.get("/v2/farcaster/user/bulk?fids=1").headers().firstValue("Retry-After")).hasValue("3");
		assertThat(json(admin.send(admin.request("/__admin/faults").DELETE().build())).get("mode").stringValue())
			.isEqualTo("healthy");
		assertThat(admin.post("/__admin/faults", Map.of("mode", "bogus")).statusCode()).isEqualTo(400);

		admin.post("/__admin/users", Map.of("fid", 2024, "username", "erin"));
		assertThat(json(client.get("/v2/farcaster/user/bulk?fids=2024")).at("/users/0/username").stringValue())
			.isEqualTo("erin");
		JsonNode state = json(admin.get("/__admin/state"));
		assertThat(state.get("requests").intValue()).isPositive();
		assertThat(state.get("approveAfterLookups").intValue()).isEqualTo(2);
		assertThat(state.at("/fault/mode").stringValue()).isEqualTo("healthy");
	}

	@Test
	void startsFromTheEnvironment() {
		try (NeynarSimulator fromEnv = NeynarSimulator.startFromEnvironment(Map.of("NEYNAR_SIMULATOR_PORT", "0",
				"NEYNAR_SIMULATOR_API_KEY", "env-key", "NEYNAR_SIMULATOR_APPROVE_AFTER_LOOKUPS", "3"))) {
			assertThat(fromEnv.apiKey()).isEqualTo("env-key");
			assertThat(new NeynarTestClient(fromEnv.baseUri(), "env-key").post("/v2/farcaster/signer", Map.of())
				.statusCode()).isEqualTo(200);
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NeynarSimulator.startFromEnvironment(Map.of("NEYNAR_SIMULATOR_PORT", "x")))
			.withMessageContaining("NEYNAR_SIMULATOR_PORT");
		assertThat(NeynarSimulatorSettings.defaults().toString()).doesNotContain("simulated-neynar-key");
	}

	private static HttpResponse<String> cast(String signerUuid, String text, String idem) {
		Map<String, Object> body = new java.util.LinkedHashMap<>();
		body.put("signer_uuid", signerUuid);
		body.put("text", text);
		body.put("embeds", List.of(Map.of("url", "https://www.flashcastr.app/flash/77")));
		body.put("channel_id", "invaders");
		if (idem != null) {
			body.put("idem", idem);
		}
		return client.post("/v2/farcaster/cast", body);
	}

}
