package app.flashcastr.testinfra;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of test databases and vhosts:
 * {@code flashcastr_test_<created, base 36 seconds>_<random>}. The creation time in the
 * name lets a later JVM sweep what a killed JVM left behind.
 */
final class TestNames {

	static final String PREFIX = "flashcastr_test_";

	private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "([0-9a-z]+)_[0-9a-f]+");

	private TestNames() {
	}

	static String next(Instant now) {
		byte[] random = new byte[5];
		ThreadLocalRandom.current().nextBytes(random);
		return PREFIX + Long.toString(now.getEpochSecond(), 36) + "_" + HexFormat.of().formatHex(random);
	}

	static Optional<Instant> createdAt(String name) {
		Matcher matcher = NAME.matcher(name);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		try {
			return Optional.of(Instant.ofEpochSecond(Long.parseLong(matcher.group(1), 36)));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * True for our own names created long enough ago that no running test can still use
	 * them.
	 */
	static boolean isAbandoned(String name, Instant now, Duration maxAge) {
		return createdAt(name).map((created) -> created.plus(maxAge).isBefore(now)).orElse(false);
	}

}
