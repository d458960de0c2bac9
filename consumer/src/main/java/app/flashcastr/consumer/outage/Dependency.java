package app.flashcastr.consumer.outage;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.flashcastr.consumer.ConsumerProperties;
import app.flashcastr.consumer.intake.Shutdown;
import app.flashcastr.contracts.retry.Backoff;
import app.flashcastr.observability.logging.Causes;

/**
 * One service the flashes need (PostgreSQL, IPFS or the image host) as the threads
 * holding their messages see it. A step that fails transiently is retried, holding its
 * message, after a jittered delay doubling per failure (a {@code Retry-After} honoured up
 * to its cap), until it succeeds or the service closes ({@link Shutdown.ShuttingDown}).
 * <p>
 * While the service is down, one holder at a time calls it (a probe, spaced by the same
 * backoff) and the others wait for a probe to succeed: an outage costs one call per probe
 * however many messages are held, and all holders resume as soon as one call succeeds.
 * The consecutive-failures gauge is therefore the run of failed probes (the failure that
 * found the service down counts as the first), never a multiple of the holders.
 */
public final class Dependency {

	private static final Logger logger = LoggerFactory.getLogger(Dependency.class);

	/** Waiters look at the shutdown flag at least this often. */
	private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	private final String displayName;

	private final ConsumerProperties.Hold settings;

	private final Shutdown shutdown;

	private final Counter retries;

	private final AtomicLong consecutiveFailures = new AtomicLong();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	// Written under lock; volatile so that calls to a healthy service take no lock.
	private volatile boolean down;

	private volatile Thread prober;

	// Guarded by lock.
	private long nextProbeNanos;

	Dependency(String displayName, ConsumerProperties.Hold settings, Shutdown shutdown, Counter retries) {
		this.displayName = displayName;
		this.settings = settings;
		this.shutdown = shutdown;
		this.retries = retries;
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
	 * @throws Shutdown.ShuttingDown when the service closes while the step is held
	 */
	public <T> T call(Supplier<T> step, Predicate<RuntimeException> unavailable,
			Function<RuntimeException, Duration> retryAfter) {
		for (int failures = 0;; failures++) {
			boolean probe = enter();
			if (failures > 0) {
				this.retries.increment();
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
				this.shutdown.pause(delay(asked, failures + 1));
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

	/** Current run of consecutive failures (failed probes while down), for the gauge. */
	long consecutiveFailures() {
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
					// Even when closing: a flash in flight finishes if the service
					// answers.
					return false;
				}
				this.shutdown.check();
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
			throw new Shutdown.ShuttingDown();
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
			return (asked.compareTo(this.settings.maxRetryAfter()) <= 0) ? asked : this.settings.maxRetryAfter();
		}
		return Backoff.jittered(this.settings.baseDelay(), this.settings.maxDelay(),
				(int) Math.min(failures, Integer.MAX_VALUE));
	}

}
