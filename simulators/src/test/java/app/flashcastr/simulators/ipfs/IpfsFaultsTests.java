package app.flashcastr.simulators.ipfs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class IpfsFaultsTests {

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

	@ParameterizedTest
	@ValueSource(strings = { "pinata", "kubo" })
	void statusUntilReset(String api) {
		faults(api).failWithStatus(502);

		assertThat(pin(api, "status").statusCode()).isEqualTo(502);
		assertThat(pin(api, "status").statusCode()).isEqualTo(502);
		faults(api).reset();
		assertThat(pin(api, "status").statusCode()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "pinata", "kubo" })
	void statusForNextRequestsThenHealthy(String api) {
		int requests = simulator.pinRequests();
		int pins = simulator.successfulPins();
		faults(api).failWithStatus(500, 2);

		assertThat(pin(api, "twice").statusCode()).isEqualTo(500);
		assertThat(pin(api, "twice").statusCode()).isEqualTo(500);
		assertThat(pin(api, "twice").statusCode()).isEqualTo(200);
		assertThat(faults(api).mode()).isEqualTo("healthy");
		assertThat(simulator.pinRequests()).isEqualTo(requests + 3);
		assertThat(simulator.successfulPins()).isEqualTo(pins + 1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "pinata", "kubo" })
	void rateLimitAnnouncesRetryAfter(String api) {
		faults(api).rateLimit(Duration.ofMillis(2500), 1);

		HttpResponse<byte[]> limited = pin(api, "rate");

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("3");
		assertThat(pin(api, "rate").statusCode()).isEqualTo(200);
	}

	@Test
	void pinataErrorsAreShapedLikePinata() {
		simulator.pinataFaults().rateLimit(Duration.ofSeconds(1));

		assertThat(IpfsClient.json(pin("pinata", "shape")).get("error").get("reason").stringValue())
			.isEqualTo("RATE_LIMITED");
	}

	@ParameterizedTest
	@ValueSource(strings = { "pinata", "kubo" })
	void latencyDelaysAHealthyResponse(String api) {
		faults(api).latency(Duration.ofMillis(300));

		long started = System.nanoTime();
		HttpResponse<byte[]> response = pin(api, "slow");

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void hangOutlastsTheClientTimeout() {
		simulator.pinataFaults().hang();

		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> client.pinataAsync(simulator.pinataUri(), JWT, bytes("held"), Duration.ofMillis(300))
				.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(HttpTimeoutException.class);
	}

	@Test
	void hangIsReleasedByReset() throws Exception {
		simulator.pinataFaults().hang();
		int before = simulator.pinRequests();
		CompletableFuture<HttpResponse<byte[]>> held = client.pinataAsync(simulator.pinataUri(), JWT, bytes("released"),
				Duration.ofSeconds(60));
		await().atMost(Duration.ofSeconds(5)).until(() -> simulator.pinRequests() > before);
		assertThat(held).isNotDone();

		simulator.pinataFaults().reset();

		assertThat(held.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
	}

	@Test
	void hangIsReleasedByClose() {
		IpfsSimulator own = IpfsSimulator.start(IpfsSimulatorSettings.defaults());
		own.pinataFaults().hang();
		CompletableFuture<HttpResponse<byte[]>> held = client.pinataAsync(own.pinataUri(), JWT, bytes("closing"),
				Duration.ofSeconds(60));
		await().atMost(Duration.ofSeconds(5)).until(() -> own.pinRequests() == 1);

		long started = System.nanoTime();
		own.close();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		await().atMost(Duration.ofSeconds(5)).until(held::isDone);
		assertThat(held).isCompletedExceptionally();
	}

	@ParameterizedTest
	@ValueSource(strings = { "pinata", "kubo" })
	void outageRefusesConnectionsUntilResetOnTheSamePort(String api) {
		URI before = uri(api);
		assertThat(pin(api, "warm up a pooled connection").statusCode()).isEqualTo(200);

		faults(api).outage();

		assertThat(faults(api).mode()).isEqualTo("outage");
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> pin(api, "refused"))
			.withCauseInstanceOf(IOException.class);
		faults(api).reset();
		assertThat(uri(api)).isEqualTo(before);
		assertThat(pin(api, "back").statusCode()).isEqualTo(200);
	}

	@Test
	void outageOfOneApiLeavesTheOtherUp() {
		simulator.pinataFaults().outage();

		assertThat(pin("kubo", "still up").statusCode()).isEqualTo(200);
		assertThat(client.get(URI.create(simulator.kuboUri() + "/__admin/state")).statusCode()).isEqualTo(200);
	}

	@Test
	void anotherFaultAlsoEndsAnOutage() {
		simulator.kuboFaults().outage();

		simulator.kuboFaults().failWithStatus(503, 1);

		assertThat(pin("kubo", "after outage").statusCode()).isEqualTo(503);
		assertThat(pin("kubo", "after outage").statusCode()).isEqualTo(200);
	}

	@Test
	void timedOutageEndsByItself() {
		simulator.kuboFaults().outage(Duration.ofMillis(300));

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> pin("kubo", "down"))
			.withCauseInstanceOf(IOException.class);
		await().atMost(Duration.ofSeconds(5)).until(() -> simulator.kuboFaults().mode().equals("healthy"));
		assertThat(pin("kubo", "up again").statusCode()).isEqualTo(200);
	}

	@Test
	void faultsOfOneApiDoNotTouchTheOther() {
		simulator.pinataFaults().failWithStatus(500);

		assertThat(pin("kubo", "independent").statusCode()).isEqualTo(200);
		assertThat(pin("pinata", "independent").statusCode()).isEqualTo(500);
	}

	@Test
	void faultsApplyToThePinEndpointOnly() {
		simulator.pinataFaults().failWithStatus(500);

		assertThat(client.get(URI.create(simulator.pinataUri() + "/__admin/state")).statusCode()).isEqualTo(200);
	}

	@Test
	void settingsLatencyDelaysEveryPin() {
		try (IpfsSimulator slow = IpfsSimulator
			.start(IpfsSimulatorSettings.defaults().withLatency(Duration.ofMillis(250)))) {
			long started = System.nanoTime();

			assertThat(client.kubo(slow.kuboUri(), "", bytes("slow"), "s.jpg").statusCode()).isEqualTo(200);

			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
		}
	}

	@Test
	void refusesNonsense() {
		IpfsFaults faults = simulator.pinataFaults();
		assertThatIllegalArgumentException().isThrownBy(() -> faults.failWithStatus(200));
		assertThatIllegalArgumentException().isThrownBy(() -> faults.failWithStatus(500, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> faults.latency(Duration.ofMinutes(10)));
		assertThatIllegalArgumentException().isThrownBy(() -> faults.outage(Duration.ofMinutes(10)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> IpfsSimulatorSettings.defaults().withPinataPort(9000).withKuboPort(9000));
		assertThatIllegalArgumentException().isThrownBy(() -> IpfsSimulatorSettings.defaults().withPinataJwt(" "));
		assertThat(IpfsSimulatorSettings.defaults().toString()).doesNotContain("simulated-pinata-jwt");
	}

	private static HttpResponse<byte[]> pin(String api, String content) {
		return api.equals("pinata") ? client.pinata(simulator.pinataUri(), JWT, bytes(content), "f.jpg")
				: client.kubo(simulator.kuboUri(), "?pin=true&cid-version=0", bytes(content), "f.jpg");
	}

	private static IpfsFaults faults(String api) {
		return api.equals("pinata") ? simulator.pinataFaults() : simulator.kuboFaults();
	}

	private static URI uri(String api) {
		return api.equals("pinata") ? simulator.pinataUri() : simulator.kuboUri();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
