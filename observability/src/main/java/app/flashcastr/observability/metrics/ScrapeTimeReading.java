package app.flashcastr.observability.metrics;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value a gauge reads from another system (a database count, a broker's queue depth)
 * when it is scraped, so a dashboard or alert never sees a stale state. A reading is
 * reused for {@code maxAge} (the gauges of one scrape cost one call); the call runs off
 * the scrape thread and a scrape waits at most {@code maxWait} for it, so an unreachable
 * system gives "unknown" (null) instead of a stalled scrape or the last value. Concurrent
 * scrapes share one call; a failed call is not remembered.
 *
 * @param <T> what is read
 */
public final class ScrapeTimeReading<T> {

	private static final Logger logger = LoggerFactory.getLogger(ScrapeTimeReading.class);

	private final String name;

	private final Supplier<T> source;

	private final long maxAgeNanos;

	private final Duration maxWait;

	// Guarded by this.
	private T last;

	private long readAtNanos;

	private CompletableFuture<T> inFlight;

	/**
	 * A reading of {@code source}.
	 * @param name what is read, for the thread name and the debug log
	 * @param source the call to the other system
	 * @param maxAge how long a reading is reused
	 * @param maxWait how long a scrape waits for a call (well under the scrape timeout)
	 */
	public ScrapeTimeReading(String name, Supplier<T> source, Duration maxAge, Duration maxWait) {
		this.name = name;
		this.source = source;
		this.maxAgeNanos = maxAge.toNanos();
		this.maxWait = maxWait;
	}

	/**
	 * The value as it is now (within {@code maxAge}).
	 * @return the value, or null when it could not be read within {@code maxWait}
	 */
	public T get() {
		CompletableFuture<T> reading;
		synchronized (this) {
			if (this.last != null && System.nanoTime() - this.readAtNanos < this.maxAgeNanos) {
				return this.last;
			}
			if (this.inFlight == null) {
				this.inFlight = CompletableFuture.supplyAsync(this::read,
						(task) -> Thread.ofVirtual().name(this.name).start(task));
			}
			reading = this.inFlight;
		}
		try {
			return reading.get(this.maxWait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			logger.debug("{} unreadable: {}", this.name, ex.toString());
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private T read() {
		try {
			T value = this.source.get();
			synchronized (this) {
				this.last = value;
				this.readAtNanos = System.nanoTime();
			}
			return value;
		}
		finally {
			synchronized (this) {
				this.inFlight = null;
			}
		}
	}

}
