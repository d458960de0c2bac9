package app.flashcastr.consumer.outage;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;

import app.flashcastr.consumer.intake.Shutdown;
import app.flashcastr.contracts.messaging.OutageHold;

/**
 * One service the flashes need (PostgreSQL, IPFS or the image host) as the threads
 * holding their messages see it: the shared {@link OutageHold} with the consumer's hold
 * settings, its retries counter, and the service's shutdown as the end of a hold
 * ({@link Shutdown.ShuttingDown}).
 */
public final class Dependency {

	private final OutageHold hold;

	Dependency(String displayName, HoldProperties settings, Shutdown shutdown, Counter retries) {
		this.hold = new OutageHold(displayName,
				new OutageHold.Delays(settings.baseDelay(), settings.maxDelay(), settings.maxRetryAfter()), shutdown,
				retries::increment);
	}

	/**
	 * Runs a step, holding on through transient failures.
	 * @param <T> what the step returns
	 * @param step the call to the service
	 * @param unavailable whether a failure of the step is transient (the service is
	 * unavailable for now); any other failure is rethrown at once
	 * @return what the step returned
	 * @throws Shutdown.ShuttingDown when the service closes while the step is held
	 */
	public <T> T call(Supplier<T> step, Predicate<RuntimeException> unavailable) {
		return this.hold.call(step, unavailable);
	}

	/**
	 * Runs a step, holding on through transient failures, honouring the service's
	 * {@code Retry-After}.
	 * @param <T> what the step returns
	 * @param step the call to the service
	 * @param unavailable whether a failure of the step is transient
	 * @param retryAfter the delay a transient failure asked for, or null
	 * @return what the step returned
	 * @throws Shutdown.ShuttingDown when the service closes while the step is held
	 */
	public <T> T call(Supplier<T> step, Predicate<RuntimeException> unavailable,
			Function<RuntimeException, Duration> retryAfter) {
		return this.hold.call(step, unavailable, retryAfter);
	}

	/** Current run of consecutive failures (failed probes while down), for the gauge. */
	long consecutiveFailures() {
		return this.hold.consecutiveFailures();
	}

}
