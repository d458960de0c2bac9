package app.flashcastr.testinfra;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine beyond the README's PostgreSQL and RabbitMQ (a
 * broker plugin, a Prometheus tool). Missing, it skips the test on a developer's machine
 * with one line naming what to run, but fails it under {@code CI=true}
 * ({@code bash .ci/run} installs everything), so CI never goes green by skipping.
 */
public final class Prerequisites {

	private Prerequisites() {
	}

	/**
	 * Skips (locally) or fails (under CI) the calling test unless {@code met}.
	 * @param met whether the machine has what the test needs
	 * @param missing one line: what is missing and what to run, e.g. {@code "promtool not
	 * found: apt-get install prometheus"}
	 */
	public static void require(boolean met, String missing) {
		if (!met) {
			unmet(missing);
		}
	}

	/**
	 * Skips (locally) or fails (under CI) the calling test; never returns normally.
	 * @param missing one line: what is missing and what to run
	 */
	public static void unmet(String missing) {
		String line = missing + " (bash .ci/run sets this up)";
		if (underCi()) {
			Assertions.fail("CI=true, so not skipped: " + line);
		}
		// Surefire's summary counts skips without their reason: the reason goes to the
		// build log.
		System.out.println("[skipped] " + line);
		Assumptions.abort(line);
	}

	/**
	 * Whether this run is CI's ({@code CI=true}), where nothing may be skipped.
	 * @return {@code true} under CI
	 */
	public static boolean underCi() {
		return "true".equals(System.getenv("CI"));
	}

}
