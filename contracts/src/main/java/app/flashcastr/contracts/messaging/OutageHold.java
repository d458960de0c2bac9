package app.flashcastr.contracts.messaging;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.flashcastr.contracts.retry.Backoff;
import app.flashcastr.observability.logging.Causes;

/**
 * The one way a listener holds its message through an outage of a service it needs
 * (PostgreSQL, IPFS, an image host): a step that fails transiently is retried, the
 * message unacked, after a jittered delay doubling per failure (a {@code Retry-After}
 * honoured up to its cap), until it succeeds or {@link Waiting} ends the hold (the
 * service is closing: the message goes back to the queue). What can never succeed is not
 * held: the caller dead-letters it ({@link DeadLetters}), then acks, or rejects when the
 * dead letter was not confirmed.
 * <p>
 * While the service is down, one holder at a time calls it (a probe, spaced by the same
 * backoff) and the others wait for a probe to succeed: an outage costs one call per probe
 * however many messages are held, and all holders resume as soon as one call succeeds.
 * {@link #consecutiveFailures()} is therefore the run of failed probes (the failure that
 * found the service down counts as the first), never a multiple of the holders.
 */
public final class OutageHold {

	private static final Logger logger = LoggerFactory.getLogger(OutageHold.class);

	/** Waiters look at {@link Waiting#check()} at least this often. */
	private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	private final String displayName;

	private final Delays delays;

	private final Waiting waiting;

	private final Runnable retried;

	private final AtomicLong consecutiveFailures = new AtomicLong();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	// Written under lock; volatile so that calls to a healthy service take no lock.
	private volatile boolean down;

	private volatile Thread prober;

	// Guarded by lock.
	private long nextProbeNanos;

	/**
	 * A hold on one service.
	 * @param displayName the service in log lines, e.g. {@code PostgreSQL}
	 * @param delays the backoff between tries
	 * @param waiting how a held thread waits and learns to let go
	 * @param retried called before each retry of a step (a service's retries counter)
	 */
	public OutageHold(String displayName, Delays delays, Waiting waiting, Runnable retried) {
		this.displayName = displayName;
		this.delays = delays;
		this.waiting = waiting;
		this.retried = retried;
	}

	/**
	 * Runs a step, holding on through transient failures.
	 * @param <T> what the step returns
	 * @param step the call to the service
	 * @param unavailable whether a failure of the step is transient (the service is
	 * unavailable for now); any other failure is rethrown at once
	 * @return what the step returned
	 */
	public <T> T call(Supplier<T> step, Predicate<RuntimeException> unavailable) {
		return call(step, unavailable, (failure) -> null);
	}

	/**
	 * Runs a step, holding on through transient failures, honouring the service's
	 * {@code Retry-After}.
	 * @param <T> what the step returns
	 * @param step the call to the service
	 * @param unavailable whether a failure of the step is transient
	 * @param retryAfter the delay a transient failure asked for, or null
	 * @return what the step returned
	 */
	public <T> T call(Supplier<T> step, Predicate<RuntimeException> unavailable,
			Function<RuntimeException, Duration> retryAfter) {
		for (int failures = 0;; failures++) {
			boolean probe = enter();
			if (failures > 0) {
				this.retried.run();
			}
			T result;
			try {
				result = step.get();
			}
			catch (RuntimeException ex) {
				if (!unavailable.test(ex)) {
					leave();
					throw ex;
				}
				Duration asked = retryAfter.apply(ex);
				failed(probe, asked, ex);
				this.waiting.pause(delay(asked, failures + 1));
				continue;
			}
			catch (Error ex) {
				leave();
				throw ex;
			}
			succeeded();
			return result;
		}
	}

	/**
	 * The current run of consecutive failures (failed probes while down), for a gauge.
	 * @return 0 while the service answers
	 */
	public long consecutiveFailures() {
		return this.consecutiveFailures.get();
	}

	/**
	 * Waits until the service is up, or until this thread may probe it.
	 * @return whether this call is the probe
	 */
	private boolean enter() {
		if (!this.down) {
			return false;
		}
		this.lock.lock();
		try {
			while (true) {
				if (!this.down) {
					// Even when closing: a message in flight finishes if the service
					// answers.
					return false;
				}
				this.waiting.check();
				long untilProbe = this.nextProbeNanos - System.nanoTime();
				if (this.prober == null && untilProbe <= 0) {
					this.prober = Thread.currentThread();
					return true;
				}
				long wait = (this.prober != null) ? MAX_WAIT_NANOS : Math.min(untilProbe, MAX_WAIT_NANOS);
				this.changed.awaitNanos(wait);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw this.waiting.interrupted();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void succeeded() {
		if (!this.down && this.prober != Thread.currentThread()) {
			return;
		}
		this.lock.lock();
		try {
			releaseProbe();
			if (this.down) {
				logger.info("{} answers again after {} failed call(s); held messages resume", this.displayName,
						this.consecutiveFailures.get());
				this.down = false;
				this.changed.signalAll();
			}
			this.consecutiveFailures.set(0);
		}
		finally {
			this.lock.unlock();
		}
	}

	private void failed(boolean probe, Duration asked, RuntimeException failure) {
		this.lock.lock();
		try {
			if (!this.down) {
				this.down = true;
				this.consecutiveFailures.set(1);
				this.nextProbeNanos = System.nanoTime() + delay(asked, 1).toNanos();
				logger.warn("{} unavailable ({}); holding messages, one probe at a time with backoff", this.displayName,
						Causes.describe(failure));
			}
			else if (probe) {
				long failures = this.consecutiveFailures.incrementAndGet();
				this.nextProbeNanos = System.nanoTime() + delay(asked, failures).toNanos();
				logger.debug("{} still unavailable ({}), {} failed call(s)", this.displayName, Causes.describe(failure),
						failures);
			}
			// Otherwise a call begun before the outage was seen: already counted.
			releaseProbe();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** A step ended with a failure that says nothing about the service's availability. */
	private void leave() {
		if (this.prober != Thread.currentThread()) {
			return;
		}
		this.lock.lock();
		try {
			releaseProbe();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void releaseProbe() {
		if (this.prober == Thread.currentThread()) {
			this.prober = null;
			this.changed.signalAll();
		}
	}

	private Duration delay(Duration asked, long failures) {
		if (asked != null) {
			return (asked.compareTo(this.delays.maxRetryAfter()) <= 0) ? asked : this.delays.maxRetryAfter();
		}
		return Backoff.jittered(this.delays.baseDelay(), this.delays.maxDelay(),
				(int) Math.min(failures, Integer.MAX_VALUE));
	}

	/**
	 * The backoff between tries.
	 *
	 * @param baseDelay the delay after the first failure, doubled per failure (jittered)
	 * @param maxDelay cap of that delay
	 * @param maxRetryAfter cap of a delay the service asked for
	 */
	public record Delays(Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {
	}

	/**
	 * How a held thread waits, and how it learns that it must let go of its message (the
	 * service is closing): {@link #check()} and {@link #pause(Duration)} then throw, and
	 * so does the hold.
	 */
	public interface Waiting {

		/** Throws when the hold must end. */
		void check();

		/**
		 * Waits before the next try; throws when the hold must end.
		 * @param delay how long
		 */
		void pause(Duration delay);

		/**
		 * What ends a hold whose thread was interrupted while it waited for a probe.
		 * @return the exception to throw (the interrupt flag is already set again)
		 */
		RuntimeException interrupted();

		/**
		 * Plain sleeping, for a listener without a shutdown signal of its own: only an
		 * interrupt ends the hold, with {@link Interrupted}.
		 * @return the waiting
		 */
		static Waiting sleeping() {
			return new Waiting() {

				@Override
				public void check() {
					if (Thread.currentThread().isInterrupted()) {
						throw new Interrupted();
					}
				}

				@Override
				public void pause(Duration delay) {
					try {
						Thread.sleep(delay);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						throw new Interrupted();
					}
				}

				@Override
				public RuntimeException interrupted() {
					return new Interrupted();
				}

			};
		}

	}

	/**
	 * A hold ended by an interrupt ({@link Waiting#sleeping()}): leave the message
	 * unacknowledged so the broker delivers it again.
	 */
	public static final class Interrupted extends RuntimeException {

		public Interrupted() {
			super("interrupted while holding a message", null, false, false);
		}

	}

}
