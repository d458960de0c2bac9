package app.flashcastr.consumer.pin;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import app.flashcastr.contracts.http.Backoff;
import app.flashcastr.consumer.ConsumerProperties;
import app.flashcastr.consumer.download.DownloadedImage;
import app.flashcastr.consumer.intake.IntakeMetrics;
import app.flashcastr.consumer.intake.Shutdown;

/**
 * Pins through a Resilience4j circuit breaker. While the breaker is OPEN, callers wait
 * holding their message (the intake takes no new ones, nothing is nacked in a loop or
 * dead-lettered) and it moves to HALF_OPEN by itself after {@code openDuration}, letting
 * trial calls through. Failures of one file are retried with jitter, honouring
 * {@code Retry-After}; only attempts made while the breaker was CLOSED count towards
 * giving up, so an outage never uses up a message's attempts.
 */
@Component
public class GuardedPinner {

	private static final Logger logger = LoggerFactory.getLogger(GuardedPinner.class);

	private static final Duration OPEN_POLL = Duration.ofMillis(250);

	private final IpfsPinner pinner;

	private final CircuitBreaker breaker;

	private final IntakeMetrics metrics;

	private final Shutdown shutdown;

	private final ConsumerProperties.Ipfs settings;

	GuardedPinner(IpfsPinner pinner, IntakeMetrics metrics, Shutdown shutdown, ConsumerProperties properties) {
		this.pinner = pinner;
		this.metrics = metrics;
		this.shutdown = shutdown;
		this.settings = properties.ipfs();
		ConsumerProperties.Breaker breaker = properties.breaker();
		this.breaker = CircuitBreaker.of("ipfs",
				CircuitBreakerConfig.custom()
					.failureRateThreshold(breaker.failureRateThreshold())
					.slidingWindowSize(breaker.slidingWindowSize())
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
	 * Pins the image.
	 * @throws PinRejected when IPFS refuses this file for good
	 * @throws PinGaveUp when this file kept failing while IPFS was otherwise healthy
	 */
	public PinnedImage pin(DownloadedImage image) {
		int attempts = 0;
		while (true) {
			if (!this.breaker.tryAcquirePermission()) {
				// OPEN (or HALF_OPEN with its trial calls taken): wait, holding the
				// message.
				this.shutdown.pause(OPEN_POLL);
				continue;
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
					throw new PinRejected(failure);
				}
				boolean wasClosed = this.breaker.getState() == CircuitBreaker.State.CLOSED;
				this.breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, failure);
				if (wasClosed && this.breaker.getState() == CircuitBreaker.State.CLOSED
						&& ++attempts >= this.settings.maxAttempts()) {
					throw new PinGaveUp(failure);
				}
				this.shutdown.pause(Backoff.honouring(failure.retryAfter(), this.settings.retryBaseDelay(),
						this.settings.maxRetryAfter(), attempts));
			}
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

	/** This file failed every attempt while IPFS was otherwise healthy. */
	public static final class PinGaveUp extends RuntimeException {

		PinGaveUp(PinFailure cause) {
			super(cause.getMessage(), cause);
		}

	}

}
