package app.flashcastr.observability.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value a gauge reads from another system (a database count, a broker's queue depth). A
 * scrape never waits for that system: it is served the last reading at once, and a
 * reading older than {@code maxAge} starts one refresh on a virtual thread, which the
 * next scrape sees. So with Prometheus scraping every 15 s a gauge is one scrape interval
 * old at most, and both gauges of one scrape cost one call. The value is "unknown" (null)
 * before the first reading, after a failed one, while a refresh has been running longer
 * than {@code maxWait} (the other system hangs), and when the last reading is older than
 * {@link #MAX_STALE} (nobody scraped for a while).
 *
 * @param <T> what is read
 */
public final class ScrapeTimeReading<T> {

	/** Older readings are not served: a value from before a gap in scraping misleads. */
	static final Duration MAX_STALE = Duration.ofSeconds(60);

	private static final Logger logger = LoggerFactory.getLogger(ScrapeTimeReading.class);

	private final String name;

	private final Supplier<T> source;

	private final long maxAgeNanos;

	private final long maxWaitNanos;

	private final LongSupplier nanoTime;

	// Guarded by this.
	private T last;

	private long readAtNanos;

	private boolean refreshing;

	private long refreshStartedNanos;

	/**
	 * A reading of {@code source}.
	 * @param name what is read, for the thread name and the debug log
	 * @param source the call to the other system
	 * @param maxAge how old a reading may be before a scrape starts a refresh
	 * @param maxWait how long a refresh may run before the value counts as unknown
	 */
	public ScrapeTimeReading(String name, Supplier<T> source, Duration maxAge, Duration maxWait) {
		this(name, source, maxAge, maxWait, System::nanoTime);
	}

	ScrapeTimeReading(String name, Supplier<T> source, Duration maxAge, Duration maxWait, LongSupplier nanoTime) {
		this.name = name;
		this.source = source;
		this.maxAgeNanos = maxAge.toNanos();
		this.maxWaitNanos = maxWait.toNanos();
		this.nanoTime = nanoTime;
	}

	/**
	 * The last reading, refreshed in the background when older than {@code maxAge}; never
	 * blocks on the other system.
	 * @return the value, or null when unknown
	 */
	public T get() {
		boolean refresh = false;
		T value;
		synchronized (this) {
			long now = this.nanoTime.getAsLong();
			if (!this.refreshing && (this.last == null || now - this.readAtNanos >= this.maxAgeNanos)) {
				this.refreshing = true;
				this.refreshStartedNanos = now;
				refresh = true;
			}
			boolean stuck = this.refreshing && now - this.refreshStartedNanos >= this.maxWaitNanos;
			boolean stale = now - this.readAtNanos >= MAX_STALE.toNanos();
			value = (this.last == null || stuck || stale) ? null : this.last;
		}
		if (refresh) {
			Thread.ofVirtual().name(this.name).start(this::refresh);
		}
		return value;
	}

	private void refresh() {
		T value = null;
		try {
			value = this.source.get();
		}
		catch (RuntimeException ex) {
			// Unknown, not the last value: the service's health and logs say why.
			logger.debug("{} unreadable: {}", this.name, ex.toString());
		}
		synchronized (this) {
			this.last = value;
			this.readAtNanos = this.nanoTime.getAsLong();
			this.refreshing = false;
		}
	}

}
