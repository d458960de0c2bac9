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
				return () -> {
					this.inFlight.remove(flashId, mine);
					mine.countDown();
				};
			}
			theirs.await();
		}
	}

	/** A held claim; closing releases it. */
	interface Claim extends AutoCloseable {

		@Override
		void close();

	}

}
