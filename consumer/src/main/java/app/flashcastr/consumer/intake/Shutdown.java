package app.flashcastr.consumer.intake;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

import app.flashcastr.contracts.messaging.OutageHold;

/**
 * Knows when the service is closing (the event comes before the listener container
 * stops), so threads waiting for IPFS or PostgreSQL give their message back instead of
 * holding the shutdown up.
 */
@Component
public class Shutdown implements ApplicationListener<ContextClosedEvent>, OutageHold.Waiting {

	private volatile boolean closing;

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		this.closing = true;
	}

	/** Whether the service is closing. */
	public boolean closing() {
		return this.closing;
	}

	/** Throws {@link ShuttingDown} when the service is closing. */
	@Override
	public void check() {
		if (this.closing) {
			throw new ShuttingDown();
		}
	}

	/** Sleeps unless closing; throws {@link ShuttingDown} when the service closes. */
	@Override
	public void pause(java.time.Duration delay) {
		if (this.closing) {
			throw new ShuttingDown();
		}
		try {
			Thread.sleep(delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ShuttingDown();
		}
		if (this.closing) {
			throw new ShuttingDown();
		}
	}

	/** A held thread was interrupted: the service is stopping its listeners. */
	@Override
	public RuntimeException interrupted() {
		return new ShuttingDown();
	}

	/**
	 * The service is closing: leave the message unacknowledged so the broker redelivers
	 * it.
	 */
	public static final class ShuttingDown extends RuntimeException {

		public ShuttingDown() {
			super("shutting down", null, false, false);
		}

	}

}
