package app.flashcastr.consumer.pin;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

class PinningConfigurationTests {

	@Test
	void providerPicksThePinner() {
		PinningConfiguration configuration = new PinningConfiguration();

		assertThat(configuration.ipfsPinner(PinSettings.with(Map.of()), RestClient.builder()))
			.isInstanceOf(KuboPinner.class);
		assertThat(configuration.ipfsPinner(
				PinSettings.with(Map.of("ipfs.provider", "pinata", "ipfs.pinata-jwt", "some-jwt")),
				RestClient.builder()))
			.isInstanceOf(PinataPinner.class)
			.extracting(IpfsPinner::provider)
			.isEqualTo("pinata");
	}

}
