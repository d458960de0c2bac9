package app.flashcastr.contracts.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

	@Test
	void retryAfterReadsSecondsAndHttpDates() {
		assertThat(RetryAfter.parse("7", this.clock)).isEqualTo(Duration.ofSeconds(7));
		assertThat(RetryAfter.parse("Sun, 22 Nov 2026 10:00:30 GMT", this.clock)).isEqualTo(Duration.ofSeconds(30));
		assertThat(RetryAfter.parse("Sun, 22 Nov 2026 09:00:00 GMT", this.clock)).isZero();
		assertThat(RetryAfter.parse("soon", this.clock)).isNull();
		assertThat(RetryAfter.parse(null, this.clock)).isNull();
	}

	@RepeatedTest(20)
	void jitteredBackoffStaysBetweenHalfAndTheCappedCeiling() {
		assertThat(Backoff.jittered(Duration.ofMillis(100), Duration.ofSeconds(1), 1)).isBetween(Duration.ofMillis(50),
				Duration.ofMillis(100));
		assertThat(Backoff.jittered(Duration.ofMillis(100), Duration.ofSeconds(1), 3)).isBetween(Duration.ofMillis(200),
				Duration.ofMillis(400));
		assertThat(Backoff.jittered(Duration.ofMillis(100), Duration.ofSeconds(1), 30))
			.isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
	}

	@Test
	void aServersRetryAfterWinsButIsCapped() {
		assertThat(Backoff.honouring(Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(5), 1))
			.isEqualTo(Duration.ofSeconds(2));
		assertThat(Backoff.honouring(Duration.ofMinutes(5), Duration.ofMillis(100), Duration.ofSeconds(5), 1))
			.isEqualTo(Duration.ofSeconds(5));
	}

}
