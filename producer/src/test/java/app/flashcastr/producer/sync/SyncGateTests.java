package app.flashcastr.producer.sync;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import app.flashcastr.producer.ProducerProperties;
import app.flashcastr.producer.ScriptedRandom;
import app.flashcastr.producer.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class SyncGateTests {

	private final TestClock clock = TestClock.atPeakHour();

	private final ScriptedRandom random = new ScriptedRandom();

	private final SyncGate gate = new SyncGate(settings(), this.clock, this.random);

	@ParameterizedTest
	@CsvSource({ "22, false", "23, true", "0, true", "3, true", "5, true", "6, false", "12, false" })
	void offPeakIsTwentyThreeToSixParisTime(int hour, boolean offPeak) {
		this.clock.set(TestClock.todayInParisAt(hour));
		assertThat(this.gate.isOffPeak()).isEqualTo(offPeak);
	}

	@Test
	void offPeakSkipsWhenTheDrawIsBelowTheSkipProbability() {
		this.clock.set(TestClock.todayInParisAt(2));
		this.random.set(0.49);
		assertThat(this.gate.beforeFeedCall(0)).contains(SkipReason.OFF_PEAK_HOURS);
		this.random.set(0.5);
		assertThat(this.gate.beforeFeedCall(0)).isEmpty();
	}

	@Test
	void peakHoursWithoutUnchangedRunsNeverSkip() {
		this.random.set(0.0);
		assertThat(this.gate.beforeFeedCall(0)).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "1, 0.09, true", "1, 0.1, false", "5, 0.49, true", "5, 0.5, false", "10, 0.99, true",
			"25, 0.99, true" })
	void backoffProbabilityIsTenthOfUnchangedRunsCappedAtTen(long unchangedRuns, double draw, boolean skips) {
		this.random.set(draw);
		assertThat(this.gate.beforeFeedCall(unchangedRuns).isPresent()).isEqualTo(skips);
	}

	@Test
	void backoffNeverSkipsMoreThanThreeRunsInARowAndCountsAgainAfterAFeedCall() {
		this.random.set(0.0);
		assertThat(this.gate.beforeFeedCall(10)).contains(SkipReason.BACKOFF);
		assertThat(this.gate.beforeFeedCall(10)).contains(SkipReason.BACKOFF);
		assertThat(this.gate.beforeFeedCall(10)).contains(SkipReason.BACKOFF);
		assertThat(this.gate.beforeFeedCall(10)).isEmpty();
		assertThat(this.gate.beforeFeedCall(10)).contains(SkipReason.BACKOFF);
	}

	@Test
	void theOffPeakWindowFollowsTheConfiguredZone() {
		SyncGate utcGate = new SyncGate(new ProducerProperties.Sync(true, Duration.ofMinutes(5), true, ZoneId.of("UTC"),
				23, 6, 0.5, 10, 3, Duration.ofHours(1)), this.clock, this.random);
		// 23:30 UTC is 00:30 in Paris in winter, 01:30 in summer: off-peak in both zones.
		this.clock.set(Instant.parse("2026-01-15T23:30:00Z"));
		assertThat(utcGate.isOffPeak()).isTrue();
		// 22:30 UTC in January is 23:30 Paris time: off-peak in Paris, not in UTC.
		this.clock.set(Instant.parse("2026-01-15T22:30:00Z"));
		assertThat(utcGate.isOffPeak()).isFalse();
		assertThat(this.gate.isOffPeak()).isTrue();
	}

	private static ProducerProperties.Sync settings() {
		return new ProducerProperties.Sync(true, Duration.ofMinutes(5), true, ZoneId.of("Europe/Paris"), 23, 6, 0.5, 10,
				3, Duration.ofHours(1));
	}

}
