package app.flashcastr.simulators.feed;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FeedEnvironmentTests {

	@Test
	void startsFromVariables() {
		try (FeedSimulator simulator = FeedSimulator.startFromEnvironment(Map.of("FEED_SIMULATOR_PORT", "0",
				"FEED_SIMULATOR_SEED", "9", "FEED_SIMULATOR_PARIS_PLAYERS", " ALICE , bob ,,"))) {
			assertThat(simulator.baseUri().getPort()).isPositive();
			assertThat(simulator.window()).filteredOn(SimulatedFlash::paris)
				.isNotEmpty()
				.allMatch((flash) -> flash.player().equals("ALICE") || flash.player().equals("bob"));
		}
	}

	@Test
	void flashIdsContinueAfterTheGivenOne() {
		try (FeedSimulator simulator = FeedSimulator
			.startFromEnvironment(Map.of("FEED_SIMULATOR_PORT", "0", FeedSimulator.FLASH_IDS_AFTER, "90000000"))) {
			assertThat(simulator.window()).allMatch((flash) -> flash.flashId() > 90_000_000L);
		}
	}

	@Test
	void namesTheVariableThatCannotBeUsed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FeedSimulator.startFromEnvironment(Map.of("FEED_SIMULATOR_SEED", "forty-two")))
			.withMessageContaining("FEED_SIMULATOR_SEED");
	}

}
