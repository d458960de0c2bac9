package app.flashcastr.consumer.pin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.tracing.Tracer;

import app.flashcastr.consumer.download.DownloadedImage;
import app.flashcastr.simulators.ipfs.IpfsSimulator;
import app.flashcastr.simulators.ipfs.IpfsSimulatorSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PinataPinnerTests {

	private static final String JWT = "pinata-test-jwt-0123456789";

	private static IpfsSimulator ipfs;

	private static PinataPinner pinner;

	@BeforeAll
	static void start() {
		ipfs = IpfsSimulator.start(IpfsSimulatorSettings.defaults().withPinataJwt(JWT));
		pinner = pinner(JWT);
	}

	@AfterAll
	static void stop() {
		ipfs.close();
	}

	@AfterEach
	void reset() {
		ipfs.pinataFaults().reset();
	}

	@Test
	void pinsAndReturnsTheContentCid() {
		DownloadedImage image = image("pinata ok");

		PinnedImage pinned = pinner.pin(image);

		assertThat(pinned.cid()).isEqualTo(IpfsSimulator.cidOf(image.bytes()));
		assertThat(pinned.size()).isEqualTo(image.bytes().length);
		assertThat(ipfs.pinsOf(pinned.cid())).isEqualTo(1);
		assertThat(pinner.provider()).isEqualTo("pinata");
	}

	@Test
	void oddFileNamesStillMakeAValidRequest() {
		DownloadedImage image = new DownloadedImage(bytes("odd name"), "image/png", "we\"ird\r\nname é.png");

		assertThat(pinner.pin(image).cid()).isEqualTo(IpfsSimulator.cidOf(image.bytes()));
	}

	@Test
	void wrongJwtIsNotPermanentAndNeverShown() {
		PinataPinner wrong = pinner("wrong-jwt-abcdef");

		PinFailure failure = failure(wrong);

		assertThat(failure.status()).isEqualTo(401);
		assertThat(failure.permanent()).isFalse();
		assertThat(failure.getMessage()).contains("INVALID_CREDENTIALS").doesNotContain("wrong-jwt-abcdef");
	}

	@Test
	void rateLimitCarriesRetryAfter() {
		ipfs.pinataFaults().rateLimit(Duration.ofSeconds(7));

		PinFailure failure = failure(pinner);

		assertThat(failure.status()).isEqualTo(429);
		assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
		assertThat(failure.permanent()).isFalse();
	}

	@Test
	void serverErrorIsNotPermanent() {
		ipfs.pinataFaults().failWithStatus(500, 1);

		PinFailure failure = failure(pinner);

		assertThat(failure.status()).isEqualTo(500);
		assertThat(failure.permanent()).isFalse();
		assertThat(failure.retryAfter()).isNull();
	}

	@Test
	void onlyFileProblemsArePermanent() {
		for (int status : new int[] { 400, 413, 415, 422 }) {
			ipfs.pinataFaults().failWithStatus(status, 1);
			assertThat(failure(pinner).permanent()).as("status %d", status).isTrue();
		}
		for (int status : new int[] { 401, 403, 404, 408, 409, 502, 503, 504 }) {
			ipfs.pinataFaults().failWithStatus(status, 1);
			assertThat(failure(pinner).permanent()).as("status %d", status).isFalse();
		}
	}

	@Test
	void outageIsStatusZeroAndNotPermanent() {
		ipfs.pinataFaults().outage();

		PinFailure failure = failure(pinner);

		assertThat(failure.status()).isZero();
		assertThat(failure.permanent()).isFalse();
		assertThat(failure.getMessage()).startsWith("pinata unreachable");
		ipfs.pinataFaults().reset();
		assertThat(pinner.pin(image("after the outage")).cid()).startsWith("Qm");
	}

	@Test
	void hangBeyondTheTimeoutIsStatusZero() {
		ipfs.pinataFaults().hang();

		PinFailure failure = failure(pinner);

		assertThat(failure.status()).isZero();
		assertThat(failure.permanent()).isFalse();
	}

	@Test
	void aBlankJwtIsRefusedAtStartup() {
		assertThatIllegalStateException().isThrownBy(() -> pinner(" ")).withMessageContaining("PINATA_JWT");
	}

	private static PinFailure failure(PinataPinner target) {
		return assertThatExceptionOfType(PinFailure.class).isThrownBy(() -> target.pin(image("failing"))).actual();
	}

	static DownloadedImage image(String content) {
		return new DownloadedImage(bytes(content), "image/jpeg", "img_test.jpg");
	}

	private static byte[] bytes(String content) {
		return content.getBytes(StandardCharsets.UTF_8);
	}

	private static PinataPinner pinner(String jwt) {
		Map<String, String> properties = new HashMap<>();
		properties.put("ipfs.provider", "pinata");
		properties.put("ipfs.pinata-url", ipfs.pinataUri().toString());
		properties.put("ipfs.pinata-jwt", jwt);
		properties.put("ipfs.timeout", "400ms");
		IpfsProperties settings = PinSettings.with(properties);
		return new PinataPinner(settings, Tracer.NOOP);
	}

}
