package app.flashcastr.consumer.pin;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

class PinningConfigurationTests {

	private static final ObjectProvider<Tracer> NO_TRACER = new StaticListableBeanFactory()
		.getBeanProvider(Tracer.class);

	@Test
	void providerPicksThePinner() {
		PinningConfiguration configuration = new PinningConfiguration();

		assertThat(configuration.ipfsPinner(PinSettings.with(Map.of()), NO_TRACER)).isInstanceOf(KuboPinner.class);
		assertThat(configuration
			.ipfsPinner(PinSettings.with(Map.of("ipfs.provider", "pinata", "ipfs.pinata-jwt", "some-jwt")), NO_TRACER))
			.isInstanceOf(PinataPinner.class)
			.extracting(IpfsPinner::provider)
			.isEqualTo("pinata");
	}

}
