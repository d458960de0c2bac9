package app.flashcastr.api.neynar;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import app.flashcastr.neynar.NeynarException;
import app.flashcastr.neynar.NeynarProperties;
import app.flashcastr.observability.metrics.ServiceMeters;
import app.flashcastr.simulators.neynar.NeynarSimulator;
import app.flashcastr.simulators.neynar.NeynarSimulatorSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The client against the Neynar simulator: real HTTP, real retries. */
class NeynarClientTests {

	private static NeynarSimulator neynar;

	private MeterRegistry registry;

	private NeynarClient client;

	@BeforeAll
	static void start() {
		neynar = NeynarSimulator.start(NeynarSimulatorSettings.defaults());
	}

	@AfterAll
	static void stop() {
		neynar.close();
	}

	@BeforeEach
	void newClient() {
		neynar.faults().reset();
		this.registry = new SimpleMeterRegistry();
		this.client = client(neynar.baseUri(), neynar.apiKey());
	}

	@Test
	void preRegistersEveryEndpointAndStatus() {
		for (String endpoint : List.of("fetchBulkUsers", "lookupSigner", "createSigner", "registerSignedKey",
				"lookupUserByCustodyAddress")) {
			for (String status : List.of("attempt", "success", "error")) {
				assertThat(count(endpoint, status)).as(endpoint + "/" + status).isZero();
			}
		}
	}

	@Test
	void createsAndLooksUpASigner() {
		NeynarSigner created = this.client.createSigner();
		assertThat(created.signerUuid()).isNotBlank();
		assertThat(created.publicKey()).matches("0x[0-9a-f]{64}");
		assertThat(created.status()).isEqualTo("generated");
		NeynarSigner looked = this.client.lookupSigner(created.signerUuid());
		assertThat(looked.status()).isEqualTo("generated");
		assertThat(looked.fid()).isNull();
		assertThat(count("createSigner", "attempt")).isEqualTo(1);
		assertThat(count("createSigner", "success")).isEqualTo(1);
		assertThat(count("lookupSigner", "success")).isEqualTo(1);
	}

	@Test
	void fetchesUsersInChunksOfAHundred() {
		IntStream.rangeClosed(70_001, 70_150)
			.forEach((fid) -> neynar.registerUser(fid, "user" + fid, "https://example.com/" + fid + ".png"));
		int before = neynar.requests();
		List<Integer> fids = IntStream.rangeClosed(70_001, 70_150).boxed().toList();
		List<NeynarUser> users = this.client.bulkUsers(fids);
		assertThat(users).hasSize(150);
		assertThat(users.get(0)).isEqualTo(new NeynarUser(70_001, "user70001", "https://example.com/70001.png"));
		assertThat(neynar.requests() - before).isEqualTo(2);
		assertThat(this.client.bulkUsers(List.of())).isEmpty();
		assertThat(this.client.bulkUsers(List.of(99_999_999))).isEmpty();
		assertThat(count("fetchBulkUsers", "success")).isEqualTo(3);
	}

	@Test
	void findsTheAppByCustodyAddressOrNothing() {
		assertThat(this.client.userByCustodyAddress(NeynarSimulator.DEV_APP_CUSTODY_ADDRESS))
			.hasValueSatisfying((user) -> assertThat(user.fid()).isEqualTo(NeynarSimulator.DEV_APP_FID));
		assertThat(this.client.userByCustodyAddress("0x" + "00".repeat(20))).isEmpty();
		assertThat(count("lookupUserByCustodyAddress", "success")).isEqualTo(2);
	}

	@Test
	void retriesRateLimitsHonouringRetryAfter() {
		neynar.faults().rateLimit(Duration.ZERO, 2);
		int before = neynar.requests();
		assertThat(this.client.createSigner().status()).isEqualTo("generated");
		assertThat(neynar.requests() - before).isEqualTo(3);
		assertThat(count("createSigner", "attempt")).isEqualTo(1);
		assertThat(count("createSigner", "success")).isEqualTo(1);
		assertThat(count("createSigner", "error")).isZero();
	}

	@Test
	void failsAtOnceWhenRetryAfterIsLongerThanARequestCanWait() {
		neynar.faults().rateLimit(Duration.ofSeconds(30));
		int before = neynar.requests();
		assertThatExceptionOfType(NeynarException.class).isThrownBy(() -> this.client.lookupSigner("x"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(429));
		assertThat(neynar.requests() - before).isEqualTo(1);
	}

	@Test
	void retriesServerErrorsThenGivesUp() {
		neynar.faults().failWithStatus(502, 1);
		assertThat(this.client.bulkUsers(List.of(NeynarSimulator.DEV_APP_FID))).hasSize(1);

		neynar.faults().failWithStatus(503);
		int before = neynar.requests();
		assertThatExceptionOfType(NeynarException.class)
			.isThrownBy(() -> this.client.bulkUsers(List.of(NeynarSimulator.DEV_APP_FID)))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(503);
				assertThat(ex.endpoint()).isEqualTo("fetchBulkUsers");
				assertThat(ex.getMessage()).contains("fetchBulkUsers", "503");
			});
		assertThat(neynar.requests() - before).isEqualTo(3);
		assertThat(count("fetchBulkUsers", "attempt")).isEqualTo(2);
		assertThat(count("fetchBulkUsers", "success")).isEqualTo(1);
		assertThat(count("fetchBulkUsers", "error")).isEqualTo(1);
	}

	@Test
	void neverRetriesUnauthorizedAndNeverShowsTheKey() {
		NeynarClient wrongKey = client(neynar.baseUri(), "wrong-secret-key");
		int before = neynar.requests();
		assertThatExceptionOfType(NeynarException.class).isThrownBy(wrongKey::createSigner).satisfies((ex) -> {
			assertThat(ex.status()).isEqualTo(401);
			assertThat(ex.getMessage()).doesNotContain("wrong-secret-key");
		});
		assertThat(neynar.requests() - before).isEqualTo(1);
		assertThat(count("createSigner", "error")).isEqualTo(1);

		neynar.faults().failWithStatus(401);
		assertThatExceptionOfType(NeynarException.class).isThrownBy(() -> this.client.lookupSigner("x"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(401));
		assertThat(count("lookupSigner", "error")).isEqualTo(1);
	}

	@Test
	void failsClearlyWithoutAKeyOrWithoutNeynar() {
		NeynarClient noKey = client(neynar.baseUri(), " ");
		int before = neynar.requests();
		assertThatExceptionOfType(NeynarException.class).isThrownBy(noKey::createSigner)
			.withMessageContaining("NEYNAR_API_KEY");
		assertThat(neynar.requests()).isEqualTo(before);

		NeynarSimulator closed = NeynarSimulator.start(NeynarSimulatorSettings.defaults());
		URI gone = closed.baseUri();
		closed.close();
		assertThatExceptionOfType(NeynarException.class)
			.isThrownBy(() -> client(gone, "simulated-neynar-key").lookupSigner("x"))
			.satisfies((ex) -> assertThat(ex.status()).isZero());
		assertThat(count("lookupSigner", "error")).isEqualTo(1);
	}

	@Test
	void propertiesNeverPrintTheKey() {
		assertThat(properties(neynar.baseUri(), "secret-key").toString()).doesNotContain("secret-key").contains("***");
	}

	private NeynarClient client(URI baseUrl, String apiKey) {
		return new NeynarClient(properties(baseUrl, apiKey), RestClient.builder(),
				new ServiceMeters("flashcastr_api", this.registry));
	}

	private static NeynarProperties properties(URI baseUrl, String apiKey) {
		return new NeynarProperties(baseUrl, apiKey, Duration.ofSeconds(1), Duration.ofSeconds(5), 2,
				Duration.ofMillis(10), Duration.ofSeconds(3));
	}

	private double count(String endpoint, String status) {
		return this.registry.get("flashcastr_api_neynar_requests")
			.tags(Map.of("endpoint", endpoint, "status", status)
				.entrySet()
				.stream()
				.flatMap((e) -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
				.toArray(String[]::new))
			.counter()
			.count();
	}

}
