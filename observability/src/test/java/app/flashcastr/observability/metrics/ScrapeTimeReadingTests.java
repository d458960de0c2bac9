package app.flashcastr.observability.metrics;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A scrape never waits on the other system: it gets the last reading at once, a refresh
 * runs in the background, and a hanging, failed or stale reading is unknown.
 */
class ScrapeTimeReadingTests {

	private static final Duration MAX_AGE = Duration.ofSeconds(1);

	private static final Duration MAX_WAIT = Duration.ofSeconds(2);

	private final AtomicLong nanos = new AtomicLong(1_000);

	@Test
	void servesTheLastReadingWhileASlowRefreshRuns() throws InterruptedException {
		AtomicInteger calls = new AtomicInteger();
		CountDownLatch release = new CountDownLatch(1);
		Supplier<Integer> source = () -> {
			int call = calls.incrementAndGet();
			if (call == 2) {
				await().until(() -> release.getCount() == 0);
			}
			return call;
		};
		ScrapeTimeReading<Integer> reading = new ScrapeTimeReading<>("test", source, MAX_AGE, MAX_WAIT,
				this.nanos::get);

		assertThat(reading.get()).as("nothing read yet").isNull();
		await().until(() -> reading.get() != null);
		assertThat(reading.get()).isEqualTo(1);

		this.nanos.addAndGet(MAX_AGE.toNanos());
		long started = System.nanoTime();
		assertThat(reading.get()).as("old reading served while the refresh hangs").isEqualTo(1);
		assertThat(reading.get()).isEqualTo(1);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
		await().until(() -> calls.get() == 2);
		assertThat(calls.get()).as("one refresh at a time").isEqualTo(2);

		this.nanos.addAndGet(MAX_WAIT.toNanos());
		assertThat(reading.get()).as("a refresh hanging longer than maxWait: unknown").isNull();

		release.countDown();
		await().until(() -> Integer.valueOf(2).equals(reading.get()));
	}

	@Test
	void aFailedReadingIsUnknownUntilTheNextOneSucceeds() {
		AtomicInteger calls = new AtomicInteger();
		Supplier<Integer> source = () -> {
			if (calls.incrementAndGet() == 2) {
				throw new IllegalStateException("connection refused");
			}
			return calls.get();
		};
		ScrapeTimeReading<Integer> reading = new ScrapeTimeReading<>("test", source, MAX_AGE, MAX_WAIT,
				this.nanos::get);
		reading.get();
		await().until(() -> reading.get() != null);

		this.nanos.addAndGet(MAX_AGE.toNanos());
		reading.get();
		await().until(() -> calls.get() == 2 && reading.get() == null);

		this.nanos.addAndGet(MAX_AGE.toNanos());
		await().until(() -> Integer.valueOf(3).equals(reading.get()));
	}

	@Test
	void aReadingOlderThanMaxStaleIsUnknown() {
		CountDownLatch never = new CountDownLatch(1);
		AtomicInteger calls = new AtomicInteger();
		ScrapeTimeReading<Integer> reading = new ScrapeTimeReading<>("test", () -> {
			if (calls.incrementAndGet() > 1) {
				await().forever().until(() -> never.getCount() == 0);
			}
			return 7;
		}, MAX_AGE, Duration.ofDays(1), this.nanos::get);
		reading.get();
		await().until(() -> reading.get() != null);

		this.nanos.addAndGet(ScrapeTimeReading.MAX_STALE.toNanos() - 1);
		assertThat(reading.get()).isEqualTo(7);
		this.nanos.addAndGet(1);
		assertThat(reading.get()).isNull();
		never.countDown();
	}

}
