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

	/**
	 * A 3xx: the feed moved (upstream's 301 for a path without its trailing slash). Not
	 * followed and not retried in the run: the same URL answers the same way until the
	 * configuration is fixed.
	 */
	boolean redirect() {
		return this.status >= 300 && this.status < 400;
	}

}
