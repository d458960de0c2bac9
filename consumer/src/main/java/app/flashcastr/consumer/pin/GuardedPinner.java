package app.flashcastr.consumer.pin;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import app.flashcastr.consumer.download.DownloadedImage;
import app.flashcastr.consumer.intake.IntakeMetrics;
import app.flashcastr.consumer.intake.Shutdown;
import app.flashcastr.consumer.outage.Dependencies;
import app.flashcastr.consumer.outage.Dependency;

/**
 * Pins through a Resilience4j circuit breaker whose failure rate is measured over a time
 * window, so it opens at a few flashes a minute as well as under load. A transient
 * failure (5xx, 429, 408, 401/403, timeout, connection refused or reset) never
 * dead-letters: the flash holds its message and retries with backoff ({@link Dependency};
 * one probe at a time while IPFS is down), and while the breaker is OPEN callers wait,
 * the intake taking no new messages, until it moves to HALF_OPEN by itself after
 * {@code openDuration} and trial calls succeed. An outage therefore never uses up a
 * message's attempts, at any traffic. Only IPFS refusing this very file
 * ({@link PinFailure#permanent()}) ends in {@link PinRejected}.
 */
@Component
public class GuardedPinner {

	private static final Logger logger = LoggerFactory.getLogger(GuardedPinner.class);

	private static final Duration OPEN_POLL = Duration.ofMillis(250);

	private final IpfsPinner pinner;

	private final CircuitBreaker breaker;

	private final IntakeMetrics metrics;

	private final Shutdown shutdown;

	private final Dependency ipfs;

	GuardedPinner(IpfsPinner pinner, IntakeMetrics metrics, Shutdown shutdown, Dependencies dependencies,
			BreakerProperties breaker) {
		this.pinner = pinner;
		this.metrics = metrics;
		this.shutdown = shutdown;
		this.ipfs = dependencies.ipfs();
		this.breaker = CircuitBreaker.of("ipfs",
				CircuitBreakerConfig.custom()
					.failureRateThreshold(breaker.failureRateThreshold())
					.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
					.slidingWindowSize((int) Math.max(1, breaker.slidingWindow().toSeconds()))
					.minimumNumberOfCalls(breaker.minimumCalls())
					.waitDurationInOpenState(breaker.openDuration())
					.permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
					.automaticTransitionFromOpenToHalfOpenEnabled(true)
					.build());
		this.breaker.getEventPublisher()
			.onStateTransition((event) -> logger.warn("IPFS circuit breaker {} ({})",
					event.getStateTransition().getToState(), this.pinner.provider()));
		metrics.breakerState(this::stateValue);
	}

	/**
	 * Pins the image, holding on (the caller keeps its message) while IPFS fails
	 * transiently.
	 * @throws PinRejected when IPFS refuses this file for good
	 * @throws Shutdown.ShuttingDown when the service closes while the pin is held
	 */
	public PinnedImage pin(DownloadedImage image) {
		try {
			return this.ipfs.call(() -> attempt(image),
					(failure) -> failure instanceof PinFailure pin && !pin.permanent(),
					(failure) -> ((PinFailure) failure).retryAfter());
		}
		catch (PinFailure failure) {
			throw new PinRejected(failure);
		}
	}

	/** One pin call once the breaker lets it through; waits while it is OPEN. */
	private PinnedImage attempt(DownloadedImage image) {
		while (!this.breaker.tryAcquirePermission()) {
			// OPEN (or HALF_OPEN with its trial calls taken): wait, holding the message.
			this.shutdown.pause(OPEN_POLL);
		}
		long started = System.nanoTime();
		try {
			PinnedImage pinned = this.pinner.pin(image);
			this.breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
			this.metrics.ipfsSucceeded();
			return pinned;
		}
		catch (PinFailure failure) {
			this.metrics.ipfsFailed();
			if (failure.permanent()) {
				// About this file, not about IPFS's health: not a breaker failure.
				this.breaker.releasePermission();
			}
			else {
				this.breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, failure);
			}
			throw failure;
		}
		catch (RuntimeException ex) {
			this.breaker.releasePermission();
			throw ex;
		}
	}

	/** 0 closed, 1 open, 2 half-open (the contract's values). */
	private double stateValue() {
		return switch (this.breaker.getState()) {
			case CLOSED, DISABLED, METRICS_ONLY -> 0;
			case OPEN, FORCED_OPEN -> 1;
			case HALF_OPEN -> 2;
		};
	}

	/** Whether IPFS calls are currently held back. */
	public boolean open() {
		return stateValue() == 1;
	}

	/** IPFS refused this file for good (a 4xx about the file). */
	public static final class PinRejected extends RuntimeException {

		PinRejected(PinFailure cause) {
			super(cause.getMessage(), cause);
		}

	}

}
