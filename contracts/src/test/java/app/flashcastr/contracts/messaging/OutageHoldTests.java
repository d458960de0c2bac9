package app.flashcastr.contracts.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The hold every listener uses through an outage, on its own: what is retried, how long
 * it waits, that an outage costs one probe at a time however many messages are held, and
 * that the waiting ends a hold.
 */
class OutageHoldTests {

	private static final OutageHold.Delays DELAYS = new OutageHold.Delays(Duration.ofMillis(2), Duration.ofMillis(8),
			Duration.ofMillis(20));

	private final List<Duration> pauses = new CopyOnWriteArrayList<>();

	private final AtomicInteger retries = new AtomicInteger();

	/** Records each pause and returns at once: the delays are read, not waited. */
	private final OutageHold.Waiting recording = new OutageHold.Waiting() {

		@Override
		public void check() {
		}

		@Override
		public void pause(Duration delay) {
			OutageHoldTests.this.pauses.add(delay);
		}

		@Override
		public RuntimeException interrupted() {
			return new Released();
		}

	};

	private final OutageHold hold = new OutageHold("Test service", DELAYS, this.recording,
			this.retries::incrementAndGet);

	@Test
	void aTransientFailureIsRetriedWithDoublingJitteredDelaysUntilTheStepSucceeds() {
		AtomicInteger calls = new AtomicInteger();

		String result = this.hold.call(() -> {
			if (calls.incrementAndGet() <= 3) {
				throw new Unavailable();
			}
			return "linked";
		}, Unavailable.class::isInstance);

		assertThat(result).isEqualTo("linked");
		assertThat(calls).hasValue(4);
		assertThat(this.retries).hasValue(3);
		assertThat(this.hold.consecutiveFailures()).isZero();
		// Drawn in [half, whole] of base × 2^(n−1), capped at the maximum.
		assertThat(this.pauses).hasSize(3);
		assertThat(this.pauses.get(0)).isBetween(Duration.ofMillis(1), Duration.ofMillis(2));
		assertThat(this.pauses.get(1)).isBetween(Duration.ofMillis(2), Duration.ofMillis(4));
		assertThat(this.pauses.get(2)).isBetween(Duration.ofMillis(4), Duration.ofMillis(8));
	}

	@Test
	void aFailureThatIsNotAnOutageIsRethrownAtOnce() {
		AtomicInteger calls = new AtomicInteger();

		assertThatIllegalStateException().isThrownBy(() -> this.hold.call(() -> {
			calls.incrementAndGet();
			throw new IllegalStateException("bad row");
		}, Unavailable.class::isInstance));

		assertThat(calls).hasValue(1);
		assertThat(this.pauses).isEmpty();
		assertThat(this.hold.consecutiveFailures()).isZero();
	}

	@Test
	void aRetryAfterIsHonouredUpToItsCap() {
		AtomicInteger calls = new AtomicInteger();

		this.hold.call(() -> {
			if (calls.incrementAndGet() <= 2) {
				throw new Unavailable();
			}
			return "pinned";
		}, Unavailable.class::isInstance,
				(failure) -> (calls.get() == 1) ? Duration.ofMillis(10) : Duration.ofMinutes(5));

		assertThat(this.pauses).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
	}

	@Test
	void theWaitingEndsAHold() {
		OutageHold closing = new OutageHold("Test service", DELAYS, new OutageHold.Waiting() {

			@Override
			public void check() {
			}

			@Override
			public void pause(Duration delay) {
				throw new Released();
			}

			@Override
			public RuntimeException interrupted() {
				return new Released();
			}

		}, () -> {
		});

		assertThatExceptionOfType(Released.class).isThrownBy(() -> closing.call(() -> {
			throw new Unavailable();
		}, Unavailable.class::isInstance));
	}

	@Test
	void anInterruptedSleeperLetsGoOfItsMessage() {
		OutageHold sleeping = new OutageHold("Test service", DELAYS, OutageHold.Waiting.sleeping(), () -> {
		});
		Thread.currentThread().interrupt();
		try {
			assertThatExceptionOfType(OutageHold.Interrupted.class).isThrownBy(() -> sleeping.call(() -> {
				throw new Unavailable();
			}, Unavailable.class::isInstance));
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void whileTheServiceIsDownOneHolderAtATimeProbesItAndAllResumeWhenItAnswers() throws Exception {
		AtomicBoolean up = new AtomicBoolean();
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger mostInFlight = new AtomicInteger();
		OutageHold sleeping = new OutageHold("Test service", DELAYS, OutageHold.Waiting.sleeping(),
				this.retries::incrementAndGet);
		ExecutorService holders = Executors.newVirtualThreadPerTaskExecutor();
		try {
			List<Future<String>> results = new ArrayList<>();
			java.util.function.Supplier<String> step = () -> {
				mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
				try {
					if (!up.get()) {
						throw new Unavailable();
					}
					return "done";
				}
				finally {
					inFlight.decrementAndGet();
				}
			};
			results.add(holders.submit(() -> sleeping.call(step, Unavailable.class::isInstance)));
			await().atMost(Duration.ofSeconds(5)).until(() -> sleeping.consecutiveFailures() >= 1);
			mostInFlight.set(0);
			for (int i = 0; i < 7; i++) {
				results.add(holders.submit(() -> sleeping.call(step, Unavailable.class::isInstance)));
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> sleeping.consecutiveFailures() >= 10);

			// Once the outage was seen, never two calls at once: eight held messages,
			// one probe at a time.
			assertThat(mostInFlight).hasValue(1);

			up.set(true);
			for (Future<String> result : results) {
				assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("done");
			}
			assertThat(sleeping.consecutiveFailures()).isZero();
			assertThat(this.retries).hasPositiveValue();
		}
		finally {
			holders.shutdownNow();
		}
	}

	/** The service is unavailable for now. */
	private static final class Unavailable extends RuntimeException {

		Unavailable() {
			super("unavailable", null, false, false);
		}

	}

	/** The service is closing. */
	private static final class Released extends RuntimeException {

		Released() {
			super("released", null, false, false);
		}

	}

}
