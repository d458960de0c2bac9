package app.flashcastr.observability.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Resident set size of this process as the OS sees it ({@code VmRSS} of
 * {@code /proc/self/status}), which is what a container memory limit is compared with.
 * Read at most once per {@link #MAX_AGE}; {@code NaN} where there is no {@code /proc}
 * (macOS, Windows).
 */
final class ResidentSetSize {

	static final Duration MAX_AGE = Duration.ofSeconds(5);

	private static final Path PROC_SELF_STATUS = Path.of("/proc/self/status");

	private final Path statusFile;

	private final LongSupplier nanoTime;

	private volatile Reading last;

	ResidentSetSize() {
		this(PROC_SELF_STATUS, System::nanoTime);
	}

	ResidentSetSize(Path statusFile, LongSupplier nanoTime) {
		this.statusFile = statusFile;
		this.nanoTime = nanoTime;
	}

	/**
	 * The resident set size, at most {@link #MAX_AGE} old.
	 * @return bytes, or {@code NaN} when the OS does not tell
	 */
	double bytes() {
		long now = this.nanoTime.getAsLong();
		Reading reading = this.last;
		if (reading == null || now - reading.atNanos() >= MAX_AGE.toNanos()) {
			reading = new Reading(read(), now);
			this.last = reading;
		}
		return reading.bytes();
	}

	private double read() {
		if (!Files.isReadable(this.statusFile)) {
			return Double.NaN;
		}
		try {
			for (String line : Files.readAllLines(this.statusFile, StandardCharsets.US_ASCII)) {
				if (line.startsWith("VmRSS:")) {
					return parseKilobytes(line.substring("VmRSS:".length()));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// A gauge must never throw during a scrape: an unreadable file means
			// "unknown".
			return Double.NaN;
		}
		return Double.NaN;
	}

	private static double parseKilobytes(String value) {
		String trimmed = value.trim();
		int space = trimmed.indexOf(' ');
		String number = (space > 0) ? trimmed.substring(0, space) : trimmed;
		return Long.parseLong(number) * 1024d;
	}

	private record Reading(double bytes, long atNanos) {
	}

}
