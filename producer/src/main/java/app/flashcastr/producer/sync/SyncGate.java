package app.flashcastr.producer.sync;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.random.RandomGenerator;

import app.flashcastr.producer.ProducerProperties;

/**
 * The gates in front of the feed call (upstream.md §2 "Sync schedule and skip logic"):
 * off-peak halving, then a probabilistic backoff after unchanged runs, never more than a
 * few backoff skips in a row (the unchanged count only moves on a feed call). Clock and
 * randomness are injected so every branch is testable.
 */
final class SyncGate {

	private final ProducerProperties.Sync settings;

	private final Clock clock;

	private final RandomGenerator random;

	private int backoffSkipsInARow;

	SyncGate(ProducerProperties.Sync settings, Clock clock, RandomGenerator random) {
		this.settings = settings;
		this.clock = clock;
		this.random = random;
	}

	/**
	 * Whether this run should skip before calling the feed.
	 * @param unchangedRuns runs in a row where the feed's flash_count did not change
	 * @return the skip reason, or empty to call the feed
	 */
	Optional<SkipReason> beforeFeedCall(long unchangedRuns) {
		if (isOffPeak() && this.random.nextDouble() < this.settings.offPeakSkipProbability()) {
			return Optional.of(SkipReason.OFF_PEAK_HOURS);
		}
		double backoffProbability = Math.min(unchangedRuns, this.settings.maxBackoffRuns()) * 0.1;
		if (this.backoffSkipsInARow < this.settings.maxBackoffSkipsInARow() && backoffProbability > 0
				&& this.random.nextDouble() < backoffProbability) {
			this.backoffSkipsInARow++;
			return Optional.of(SkipReason.BACKOFF);
		}
		this.backoffSkipsInARow = 0;
		return Optional.empty();
	}

	boolean isOffPeak() {
		int hour = ZonedDateTime.now(this.clock.withZone(this.settings.zone())).getHour();
		int start = this.settings.offPeakStartHour();
		int end = this.settings.offPeakEndHour();
		// The window usually wraps midnight (23:00–06:00).
		return (start <= end) ? (hour >= start && hour < end) : (hour >= start || hour < end);
	}

}
