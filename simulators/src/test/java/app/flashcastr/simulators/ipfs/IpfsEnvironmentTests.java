package app.flashcastr.simulators.ipfs;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IpfsEnvironmentTests {

	@Test
	void startsFromVariables() {
		try (IpfsSimulator simulator = IpfsSimulator.startFromEnvironment(Map.of("PINATA_SIMULATOR_PORT", "0",
				"KUBO_SIMULATOR_PORT", "0", "PINATA_SIMULATOR_JWT", "env-jwt", "IPFS_SIMULATOR_LATENCY_MS", "1"))) {
			assertThat(simulator.pinataUri().getPort()).isPositive();
			assertThat(simulator.kuboUri().getPort()).isPositive().isNotEqualTo(simulator.pinataUri().getPort());
			IpfsClient client = new IpfsClient();
			byte[] image = "env".getBytes(StandardCharsets.UTF_8);
			assertThat(client.pinata(simulator.pinataUri(), "env-jwt", image, "e.jpg").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void namesTheVariableThatCannotBeUsed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> IpfsSimulator.startFromEnvironment(Map.of("IPFS_SIMULATOR_LATENCY_MS", "soon")))
			.withMessageContaining("IPFS_SIMULATOR_LATENCY_MS");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> IpfsSimulator.startFromEnvironment(Map.of("KUBO_SIMULATOR_PORT", "70000")))
			.withMessageContaining("KUBO_SIMULATOR_PORT");
	}

}
