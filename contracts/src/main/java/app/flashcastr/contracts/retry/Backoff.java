package app.flashcastr.contracts.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter, so replicas and restarts never retry in lockstep. */
public final class Backoff {

	private Backoff() {
	}

	/**
	 * The delay before retry number {@code attempt}: {@code base × 2^(attempt−1)}, capped
	 * at {@code max}, drawn in [half, whole] of that ceiling.
	 * @param base first delay
	 * @param max cap
	 * @param attempt 1 for the first retry
	 * @return the delay
	 */
	public static Duration jittered(Duration base, Duration max, int attempt) {
		long ceiling = Math.min(max.toMillis(), base.toMillis() << Math.min(Math.max(attempt, 1) - 1, 20));
		if (ceiling <= 1) {
			return Duration.ofMillis(Math.max(ceiling, 0));
		}
		return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
	}

	/**
	 * A server's {@code Retry-After} when it gave one (capped at {@code max}), else
	 * {@link #jittered}.
	 */
	public static Duration honouring(Duration retryAfter, Duration base, Duration max, int attempt) {
		if (retryAfter != null) {
			return (retryAfter.compareTo(max) <= 0) ? retryAfter : max;
		}
		return jittered(base, max, attempt);
	}

}
