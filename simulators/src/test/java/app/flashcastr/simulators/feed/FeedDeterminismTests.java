package app.flashcastr.simulators.feed;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FeedDeterminismTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");

	@Test
	void sameSeedServesTheSameFeedAndImages() {
		try (FeedSimulator first = start(7); FeedSimulator second = start(7)) {
			FeedClient firstClient = new FeedClient(first.baseUri());
			FeedClient secondClient = new FeedClient(second.baseUri());

			assertThat(firstClient.feed().body()).isEqualTo(secondClient.feed().body());
			assertThat(first.window()).isEqualTo(second.window());
			String img = first.window().get(17).img();
			assertThat(firstClient.get(img).body()).isEqualTo(secondClient.get(img).body());
			assertThat(first.emitFlashes(3)).isEqualTo(second.emitFlashes(3));
		}
	}

	@Test
	void otherSeedServesOtherFlashes() {
		try (FeedSimulator first = start(7); FeedSimulator second = start(8)) {
			assertThat(first.window().get(0).flashId()).isNotEqualTo(second.window().get(0).flashId());
			assertThat(first.window().stream().map(SimulatedFlash::img))
				.doesNotContainAnyElementsOf(second.window().stream().map(SimulatedFlash::img).toList());
		}
	}

	@Test
	void flashIdsAfterKeepsTheSameWorldWithHigherIds() {
		try (FeedSimulator first = start(7);
				FeedSimulator restarted = FeedSimulator.start(FeedSimulatorSettings.defaults()
					.withSeed(7)
					.withClock(new MutableClock(NOW))
					.withFlashIdsAfter(first.window().get(0).flashId() + 1_000))) {
			long highestKept = first.window().get(0).flashId() + 1_000;

			assertThat(restarted.window()).allMatch((flash) -> flash.flashId() > highestKept);
			assertThat(restarted.window().stream().map(SimulatedFlash::player))
				.containsExactlyElementsOf(first.window().stream().map(SimulatedFlash::player).toList());
			assertThat(restarted.emitFlashes(3)).allMatch((flash) -> flash.flashId() > highestKept);
		}
	}

	@Test
	void flashIdsAfterBelowTheSeededIdsChangesNothing() {
		try (FeedSimulator first = start(7);
				FeedSimulator second = FeedSimulator.start(FeedSimulatorSettings.defaults()
					.withSeed(7)
					.withClock(new MutableClock(NOW))
					.withFlashIdsAfter(1_000))) {
			assertThat(second.window()).isEqualTo(first.window());
		}
	}

	private static FeedSimulator start(long seed) {
		return FeedSimulator.start(FeedSimulatorSettings.defaults().withSeed(seed).withClock(new MutableClock(NOW)));
	}

}
