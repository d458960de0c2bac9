package app.flashcastr.simulators.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault as switched on: how many uses are left ({@code null} = until switched off) and
 * a latch opened when it is switched off, which releases the requests it holds.
 *
 * @param fault the fault
 * @param remaining uses left, or {@code null} when unlimited
 * @param released opened when the fault is switched off
 */
public record ActiveFault(HttpFault fault, AtomicInteger remaining, CountDownLatch released) {

	static ActiveFault healthy() {
		return new ActiveFault(new HttpFault.Healthy(), null, new CountDownLatch(1));
	}

	/** Releases the requests this fault holds. */
	public void release() {
		this.released.countDown();
	}

	/**
	 * Waits up to {@code timeout} for this fault to be switched off.
	 * @param timeout how long to wait at most
	 * @return true when released by a switch (or an interrupt) before the timeout
	 */
	public boolean awaitRelease(Duration timeout) {
		try {
			return this.released.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return true;
		}
	}

	/**
	 * The fault as the admin endpoint shows it, with the uses left if limited.
	 * @return a mutable description
	 */
	public Map<String, Object> describe() {
		Map<String, Object> description = this.fault.describe();
		if (this.remaining != null) {
			description.put("remaining", Math.max(0, this.remaining.get()));
		}
		return description;
	}

}
