package app.flashcastr.observability.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RSS comes from {@code VmRSS} in kB, is re-read at most every 5 s, and is NaN without
 * {@code /proc}.
 */
class ResidentSetSizeTests {

	@TempDir
	Path dir;

	@Test
	void readsVmRssAndCachesItForFiveSeconds() throws IOException {
		Path status = this.dir.resolve("status");
		Files.writeString(status, "Name:\tjava\nVmPeak:\t  900 kB\nVmRSS:\t  2048 kB\nThreads:\t42\n");
		AtomicLong nanos = new AtomicLong(1_000);
		ResidentSetSize rss = new ResidentSetSize(status, nanos::get);

		assertThat(rss.bytes()).isEqualTo(2048 * 1024d);

		Files.writeString(status, "VmRSS:\t  4096 kB\n");
		nanos.addAndGet(ResidentSetSize.MAX_AGE.toNanos() - 1);
		assertThat(rss.bytes()).as("cached").isEqualTo(2048 * 1024d);

		nanos.addAndGet(1);
		assertThat(rss.bytes()).as("re-read").isEqualTo(4096 * 1024d);
	}

	@Test
	void isNotANumberWithoutProc() {
		ResidentSetSize rss = new ResidentSetSize(this.dir.resolve("missing"), System::nanoTime);

		assertThat(rss.bytes()).isNaN();
	}

}
