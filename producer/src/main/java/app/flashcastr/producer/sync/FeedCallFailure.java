package app.flashcastr.producer.sync;

import java.time.Duration;

/**
 * One failed feed call, with what the retry loop needs to know.
 */
class FeedCallFailure extends RuntimeException {

	private final int status;

	private final Duration retryAfter;

	private final boolean proxyAuthRequired;

	FeedCallFailure(String message, int status, Duration retryAfter, Throwable cause) {
		super(message, cause);
		this.status = status;
		this.retryAfter = retryAfter;
		this.proxyAuthRequired = status == 407;
	}

	/**
	 * HTTP status, or 0 when no response came back (timeout, connection refused,
	 * unparsable body).
	 */
	int status() {
		return this.status;
	}

	/** The server's {@code Retry-After}, or null. */
	Duration retryAfter() {
		return this.retryAfter;
	}

	boolean proxyAuthRequired() {
		return this.proxyAuthRequired;
	}

}
