package app.flashcastr.simulators.http;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runtime fault switches of one simulated endpoint. One fault is active at a time:
 * setting one replaces the previous one, and requests held by {@link #latency(Duration)}
 * (or a hang) are released by the next switch, {@link #reset()} or
 * {@link #releaseHeld()}. Every switch has the shared faults ({@link HttpFault});
 * subclasses add their simulator's own, and the admin API offers the modes each simulator
 * lists ({@link FaultAdmin}). Requests are answered through the switch by
 * {@link Dispatch#throughFaults}.
 */
public abstract class FaultSwitch {

	/**
	 * Upper bound of latency and of held requests, so a forgotten fault never holds a
	 * test forever.
	 */
	public static final Duration MAX_HOLD = Duration.ofSeconds(120);

	/** Times value of a fault that stays until switched off. */
	protected static final int UNLIMITED = -1;

	private final Logger logger = LoggerFactory.getLogger(getClass());

	private final String name;

	private final AtomicReference<ActiveFault> current = new AtomicReference<>(ActiveFault.healthy());

	/**
	 * Creates a healthy switch.
	 * @param name how the endpoint is named in logs
	 */
	protected FaultSwitch(String name) {
		this.name = name;
	}

	/**
	 * Answer every request with this HTTP status until {@link #reset()}.
	 * @param status an error status, 400..599
	 */
	public void failWithStatus(int status) {
		set(new HttpFault.Status(checkStatus(status)), UNLIMITED);
	}

	/**
	 * Answer the next {@code times} requests with this HTTP status, then serve healthy
	 * responses again.
	 * @param status an error status, 400..599
	 * @param times how many requests fail, at least 1
	 */
	public void failWithStatus(int status, int times) {
		set(new HttpFault.Status(checkStatus(status)), checkTimes(times));
	}

	/**
	 * Serve healthy responses, each after this delay.
	 * @param delay added latency, at most 120 s
	 */
	public void latency(Duration delay) {
		set(new HttpFault.Latency(checkHold(delay, "delay")), UNLIMITED);
	}

	/** Back to healthy; releases held requests. */
	public void reset() {
		set(new HttpFault.Healthy(), UNLIMITED);
	}

	/**
	 * The active fault's admin name ({@code healthy}, {@code status}, ...).
	 * @return the mode name
	 */
	public String mode() {
		return this.current.get().fault().mode();
	}

	/**
	 * The active fault as the admin endpoint shows it.
	 * @return a mutable description
	 */
	public Map<String, Object> describe() {
		return this.current.get().describe();
	}

	/**
	 * The active fault, for the simulator's request handler.
	 * @return the active fault
	 */
	public ActiveFault current() {
		return this.current.get();
	}

	/**
	 * Takes one use of a fault limited to N requests.
	 * @param active the fault read by {@link #current()}
	 * @return false when the fault was used up meanwhile (the caller then looks at the
	 * current fault again)
	 */
	public boolean consume(ActiveFault active) {
		if (active.remaining() == null) {
			return true;
		}
		int left = active.remaining().getAndDecrement();
		if (left <= 1) {
			// Used up: back to healthy, unless someone already switched to another fault.
			this.current.compareAndSet(active, ActiveFault.healthy());
		}
		return left >= 1;
	}

	/** Releases held requests without changing the fault (used on close). */
	public void releaseHeld() {
		this.current.get().release();
	}

	/**
	 * Answer every request with 429 and {@code Retry-After} (whole seconds, rounded up)
	 * until {@link #reset()}.
	 * @param retryAfter the delay announced in {@code Retry-After}
	 */
	public void rateLimit(Duration retryAfter) {
		set(new HttpFault.RateLimit(checkNotNegative(retryAfter, "retryAfter")), UNLIMITED);
	}

	/**
	 * Answer the next {@code times} requests with 429 and {@code Retry-After}, then serve
	 * healthy responses.
	 * @param retryAfter the delay announced in {@code Retry-After}
	 * @param times how many requests are rate limited, at least 1
	 */
	public void rateLimit(Duration retryAfter, int times) {
		set(new HttpFault.RateLimit(checkNotNegative(retryAfter, "retryAfter")), checkTimes(times));
	}

	/**
	 * Hold every request without answering (the admin's {@code timeout} mode) for up to
	 * {@link #MAX_HOLD}, after which it gets a 504. Held requests are released by
	 * {@link #reset()} (they then get a healthy response) or by closing the simulator.
	 */
	public void hang() {
		set(new HttpFault.Hang(), UNLIMITED);
	}

	/**
	 * Switches to a fault. Synchronized so that {@link #switched} hooks follow the
	 * switches in order.
	 * @param fault the new fault
	 * @param times how many requests it applies to, or {@link #UNLIMITED}
	 * @return the fault as switched on
	 */
	protected final synchronized ActiveFault set(HttpFault fault, int times) {
		ActiveFault next = new ActiveFault(fault, (times != UNLIMITED) ? new AtomicInteger(times) : null,
				new CountDownLatch(1));
		ActiveFault previous = this.current.getAndSet(next);
		previous.release();
		switched(previous, next);
		this.logger.info("{} fault set: {}", this.name, next.describe());
		return next;
	}

	/**
	 * Called under the switch's lock after each switch.
	 * @param previous the fault switched off
	 * @param next the fault switched on
	 */
	protected void switched(ActiveFault previous, ActiveFault next) {
	}

	/**
	 * Checks an error status.
	 * @param status the status
	 * @return the status, within 400..599
	 */
	public static int checkStatus(int status) {
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("status must be an error status within 400..599, got " + status);
		}
		return status;
	}

	/**
	 * Checks a count of requests.
	 * @param times the count
	 * @return the count, at least 1
	 */
	public static int checkTimes(int times) {
		if (times < 1) {
			throw new IllegalArgumentException("times must be at least 1, got " + times);
		}
		return times;
	}

	/**
	 * Checks a duration that must not be negative.
	 * @param duration the duration
	 * @param name its name in the error message
	 * @return the duration
	 */
	public static Duration checkNotNegative(Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative, got " + duration);
		}
		return duration;
	}

	/**
	 * Checks how long a request is held.
	 * @param duration the duration
	 * @param name its name in the error message
	 * @return the duration, within 0..{@link #MAX_HOLD}
	 */
	public static Duration checkHold(Duration duration, String name) {
		checkNotNegative(duration, name);
		if (duration.compareTo(MAX_HOLD) > 0) {
			throw new IllegalArgumentException(name + " must be at most " + MAX_HOLD + ", got " + duration);
		}
		return duration;
	}

}
