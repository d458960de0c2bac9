package app.flashcastr.testinfra;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestNamesTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	@Test
	void namesAreValidUnquotedIdentifiersAndDistinct() {
		String first = TestNames.next(NOW);
		String second = TestNames.next(NOW);

		assertThat(first).matches("flashcastr_test_[0-9a-z]+_[0-9a-f]{10}").hasSizeLessThan(64);
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void onlyOldNamesOfOursAreAbandoned() {
		Duration maxAge = Duration.ofHours(6);

		assertThat(TestNames.isAbandoned(TestNames.next(NOW.minus(Duration.ofHours(7))), NOW, maxAge)).isTrue();
		assertThat(TestNames.isAbandoned(TestNames.next(NOW.minus(Duration.ofHours(1))), NOW, maxAge)).isFalse();
		assertThat(TestNames.isAbandoned("flashcastr", NOW, maxAge)).isFalse();
		assertThat(TestNames.isAbandoned("flashcastr_test_manual", NOW, maxAge)).isFalse();
	}

}
