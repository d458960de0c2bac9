package app.flashcastr.contracts.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The {@code Retry-After} header, in either of its forms (delay seconds or an HTTP date).
 */
public final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * The delay the server asked for.
	 * @param value the header value, may be null
	 * @param clock the clock an HTTP date is measured against
	 * @return the delay (zero for a past date), or null when absent or unreadable
	 */
	public static Duration parse(String value, Clock clock) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
		}
		catch (NumberFormatException ex) {
			try {
				Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				Duration delay = Duration.between(clock.instant(), at);
				return delay.isNegative() ? Duration.ZERO : delay;
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

}
