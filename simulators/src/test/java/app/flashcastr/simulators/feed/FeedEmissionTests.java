package app.flashcastr.simulators.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class FeedEmissionTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");

	@Test
	void emittedFlashesRaiseTheCountAndComeFirst() {
		MutableClock clock = new MutableClock(NOW);
		try (FeedSimulator simulator = FeedSimulator
			.start(FeedSimulatorSettings.defaults().withWindowSize(100).withClock(clock))) {
			FeedClient client = new FeedClient(simulator.baseUri());
			long before = Long.parseLong(client.feedJson().get("flash_count").stringValue());
			long newestBefore = simulator.window().get(0).flashId();
			clock.advance(Duration.ofSeconds(30));

			List<SimulatedFlash> emitted = simulator.emitFlashes(5);

			JsonNode body = client.feedJson();
			assertThat(Long.parseLong(body.get("flash_count").stringValue())).isEqualTo(before + 5);
			assertThat(simulator.flashCount()).isEqualTo(before + 5);
			assertThat(emitted).extracting(SimulatedFlash::flashId).isSorted().allMatch((id) -> id > newestBefore);
			assertThat(emitted).allMatch((flash) -> flash.timestamp() == NOW.plusSeconds(30).getEpochSecond());
			assertThat(simulator.window()).hasSize(100).startsWith(emitted.reversed().toArray(SimulatedFlash[]::new));
			for (SimulatedFlash flash : emitted) {
				JsonNode list = body.get(flash.paris() ? "with_paris" : "without_paris");
				assertThat(list.valueStream().map((row) -> row.get("flash_id").longValue()).limit(5))
					.contains(flash.flashId());
			}
		}
	}

	@Test
	void specificFlashLandsInItsList() {
		try (FeedSimulator simulator = FeedSimulator.start(FeedSimulatorSettings.defaults().withInitialFlashes(10))) {
			FeedClient client = new FeedClient(simulator.baseUri());

			SimulatedFlash paris = simulator.emitFlash("REGISTERED_PLAYER", "Paris", true);
			SimulatedFlash tokyo = simulator.emitFlash("TRAVELLER", "Tokyo", false);

			JsonNode body = client.feedJson();
			JsonNode topParis = body.get("with_paris").get(0);
			assertThat(topParis.get("flash_id").longValue()).isEqualTo(paris.flashId());
			assertThat(topParis.get("player").stringValue()).isEqualTo("REGISTERED_PLAYER");
			assertThat(topParis.get("city").stringValue()).isEqualTo("Paris");
			JsonNode topOthers = body.get("without_paris").get(0);
			assertThat(topOthers.get("flash_id").longValue()).isEqualTo(tokyo.flashId());
			assertThat(topOthers.get("city").stringValue()).isEqualTo("Tokyo");
			assertThat(tokyo.flashId()).isGreaterThan(paris.flashId());
		}
	}

	@Test
	void flashesAppearAtTheConfiguredRateAsTheClockMoves() {
		MutableClock clock = new MutableClock(NOW);
		try (FeedSimulator simulator = FeedSimulator.start(FeedSimulatorSettings.defaults()
			.withInitialFlashes(50)
			.withWindowSize(50)
			.withNewFlashesPerMinute(6)
			.withClock(clock))) {
			long start = simulator.flashCount();
			clock.advance(Duration.ofSeconds(9));
			assertThat(simulator.flashCount()).isEqualTo(start);

			clock.advance(Duration.ofMinutes(5).minusSeconds(9));

			assertThat(simulator.flashCount()).isEqualTo(start + 30);
			List<SimulatedFlash> window = simulator.window();
			assertThat(window.get(0).timestamp()).isEqualTo(NOW.plus(Duration.ofMinutes(5)).getEpochSecond());
			assertThat(window.get(1).timestamp())
				.isEqualTo(NOW.plus(Duration.ofMinutes(5)).minusSeconds(10).getEpochSecond());
		}
	}

	@Test
	void aLongClockJumpStaysCheap() {
		MutableClock clock = new MutableClock(NOW);
		try (FeedSimulator simulator = FeedSimulator.start(FeedSimulatorSettings.defaults()
			.withInitialFlashes(20)
			.withWindowSize(20)
			.withNewFlashesPerMinute(60)
			.withClock(clock))) {
			long start = simulator.flashCount();

			clock.advance(Duration.ofDays(365));

			assertThat(simulator.flashCount()).isEqualTo(start + 365L * 24 * 60 * 60);
			assertThat(simulator.window()).hasSize(20);
			assertThat(simulator.window().get(0).timestamp())
				.isEqualTo(NOW.plus(Duration.ofDays(365)).getEpochSecond());
		}
	}

	@Test
	void noFlashesAppearByThemselvesAtRateZero() {
		MutableClock clock = new MutableClock(NOW);
		try (FeedSimulator simulator = FeedSimulator
			.start(FeedSimulatorSettings.defaults().withInitialFlashes(10).withClock(clock))) {
			long start = simulator.flashCount();

			clock.advance(Duration.ofHours(3));

			assertThat(simulator.flashCount()).isEqualTo(start);
			assertThat(simulator.window()).hasSize(10);
		}
	}

}
