package app.flashcastr.api.signup;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.web.client.RestClient;

import app.flashcastr.api.errors.ApiErrorType;
import app.flashcastr.api.errors.ApiException;
import app.flashcastr.api.neynar.NeynarClient;
import app.flashcastr.neynar.NeynarProperties;
import app.flashcastr.observability.metrics.ServiceMeters;
import app.flashcastr.simulators.neynar.NeynarSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Signup without its secrets, and the app account derivation. */
class SignupConfigurationTests {

	@Test
	void withoutMnemonicOrKeySignupAnswersNotConfigured() {
		for (SignupProperties properties : new SignupProperties[] {
				new SignupProperties(null, "00".repeat(32), 7000, Duration.ofHours(24)),
				new SignupProperties(NeynarSimulator.DEV_MNEMONIC, " ", 7000, Duration.ofHours(24)),
				new SignupProperties("not a mnemonic at all", "00".repeat(32), 7000, Duration.ofHours(24)) }) {
			SignupService service = service(properties);
			assertThatExceptionOfType(ApiException.class).isThrownBy(() -> service.initiate("Player"))
				.satisfies((ex) -> assertThat(ex.type()).isEqualTo(ApiErrorType.INTERNAL))
				.withMessage("signup is not configured");
			assertThatExceptionOfType(ApiException.class).isThrownBy(() -> service.poll("uuid", "Player"))
				.withMessage("signup is not configured");
		}
	}

	@Test
	void propertiesNeverPrintSecrets() {
		String printed = new SignupProperties(NeynarSimulator.DEV_MNEMONIC, "ab".repeat(32), 7000, Duration.ofHours(1))
			.toString();
		assertThat(printed).doesNotContain("junk").doesNotContain("abab");
	}

	@Test
	void derivesTheDevAppAccountAndRefusesBadMnemonics() {
		assertThat(AppAccount.fromMnemonic(NeynarSimulator.DEV_MNEMONIC).address())
			.isEqualTo(NeynarSimulator.DEV_APP_CUSTODY_ADDRESS);
		assertThatIllegalArgumentException().isThrownBy(() -> AppAccount.fromMnemonic("secret words that fail"))
			.withMessageNotContaining("secret");
		assertThat(AppAccount.fromMnemonic(NeynarSimulator.DEV_MNEMONIC).signKeyRequest(1, "0x" + "ab".repeat(32), 1L))
			.matches("0x[0-9a-f]{130}");
	}

	private static SignupService service(SignupProperties properties) {
		ServiceMeters meters = new ServiceMeters("flashcastr_api", new SimpleMeterRegistry());
		NeynarClient neynar = new NeynarClient(
				new NeynarProperties(java.net.URI.create("http://127.0.0.1:9"), "key", Duration.ofSeconds(1),
						Duration.ofSeconds(1), 0, Duration.ofMillis(10), Duration.ofSeconds(1)),
				RestClient.builder(), meters);
		return new SignupService(properties, neynar, null, meters,
				new StaticListableBeanFactory().getBeanProvider(Clock.class));
	}

}
