package app.flashcastr.bench.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code --quick} and {@code --seconds} change in {@code api-varied}, and that its
 * time limit covers the longest JVM warm-up.
 */
class ApiVariedSettingsTests {

	@Test
	void quickMeasuresOnlyTheGoalsJvm() {
		assertThat(ApiVaried.modes(context(true, 0))).containsExactly(ApiVaried.Mode.OFF);
		assertThat(ApiVaried.modes(context(false, 0))).containsExactly(ApiVaried.Mode.OFF, ApiVaried.Mode.ON);
	}

	@Test
	void theJvmWarmUpMayRunOnUntilItsLimit() {
		ApiVaried.Timing timing = ApiVaried.Timing.of(15);
		assertThat(timing.jvmWarmUp()).isEqualTo(Duration.ofSeconds(120));
		assertThat(ApiVaried.Timing.of(120).jvmWarmUp()).isEqualTo(Duration.ofSeconds(160));
		assertThat(timing.longestJvmWarmUp()).isEqualTo(Duration.ofSeconds(240));
		assertThat(ApiVaried.Timing.of(3).longestJvmWarmUp()).isEqualTo(Duration.ofSeconds(180));
	}

	@Test
	void theTimeLimitCoversBothJvmsOnlyWithoutQuick() {
		ApiVaried varied = new ApiVaried();
		Duration quick = varied.timeLimit(context(true, 10));
		Duration full = varied.timeLimit(context(false, 10));
		assertThat(quick).isGreaterThan(ApiVaried.Timing.of(10).longestJvmWarmUp());
		assertThat(full.minus(quick)).isGreaterThan(ApiVaried.Timing.of(10).longestJvmWarmUp());
	}

	private static BenchContext context(boolean quick, int seconds) {
		return new BenchContext(Path.of("."), Path.of("target"), 0, 0, quick, false, "256m", seconds, List.of(),
				List.of());
	}

}
