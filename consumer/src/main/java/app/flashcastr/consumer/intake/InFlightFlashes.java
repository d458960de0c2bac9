package app.flashcastr.consumer.intake;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * One thread per flash at a time in this process: a second delivery of the same flash
 * waits for the first, then finds it pinned and acks without work. That is what makes
 * three deliveries cost one pin.
 */
final class InFlightFlashes {

	private final ConcurrentHashMap<Long, CountDownLatch> inFlight = new ConcurrentHashMap<>();

	/** Claims the flash, waiting while another thread holds it. */
	Claim claim(long flashId) throws InterruptedException {
		while (true) {
			CountDownLatch mine = new CountDownLatch(1);
			CountDownLatch theirs = this.inFlight.putIfAbsent(flashId, mine);
			if (theirs == null) {
				return release(flashId, mine);
			}
			theirs.await();
		}
	}

	/**
	 * Claims the flash if nobody holds it.
	 * @return the claim (any thread may close it), or null when it is held
	 */
	Claim tryClaim(long flashId) {
		CountDownLatch mine = new CountDownLatch(1);
		return (this.inFlight.putIfAbsent(flashId, mine) == null) ? release(flashId, mine) : null;
	}

	private Claim release(long flashId, CountDownLatch mine) {
		return () -> {
			this.inFlight.remove(flashId, mine);
			mine.countDown();
		};
	}

	/** A held claim; closing releases it. */
	interface Claim extends AutoCloseable {

		@Override
		void close();

	}

}
