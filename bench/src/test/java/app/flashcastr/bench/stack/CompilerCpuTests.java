package app.flashcastr.bench.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CompilerCpuTests {

	@Test
	void theCompilerThreadsCpuGrowsWhileThisJvmCompiles() throws Exception {
		assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
		long pid = ProcessHandle.current().pid();
		double before = ServiceJvm.compilerCpuSeconds(pid);
		// New lambdas and loops keep both compilers busy until their CPU shows.
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			long sum = 0;
			for (int i = 0; i < 200; i++) {
				java.util.function.LongUnaryOperator step = (x) -> x * 31 + 7;
				for (int j = 0; j < 20_000; j++) {
					sum = step.applyAsLong(sum) ^ j;
				}
			}
			return sum != 42 && ServiceJvm.compilerCpuSeconds(pid) > before;
		});
		assertThat(ServiceJvm.compilerCpuSeconds(pid)).isGreaterThan(before);
	}

}
