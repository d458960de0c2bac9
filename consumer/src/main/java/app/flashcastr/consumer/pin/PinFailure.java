package app.flashcastr.consumer.pin;

import java.time.Duration;

/**
 * One pin attempt failed. {@link #permanent()} is true only when the service refused this
 * very file (400, 413, 415, 422); bad credentials, rate limits, 5xx and I/O errors are
 * about the service and must feed the circuit breaker, not dead-letter every message. The
 * message never contains the JWT.
 */
class PinFailure extends RuntimeException {

	private final int status;

	private final Duration retryAfter;

	private final boolean permanent;

	PinFailure(String message, int status, Duration retryAfter, boolean permanent, Throwable cause) {
		super(message, cause);
		this.status = status;
		this.retryAfter = retryAfter;
		this.permanent = permanent;
	}

	/**
	 * HTTP status, or 0 when no response came back (timeout, connection refused or
	 * reset).
	 */
	public int status() {
		return this.status;
	}

	/** The service's {@code Retry-After} on a 429 or 503, or null when it gave none. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	/** True only for a 4xx about this file (400, 413, 415, 422). */
	public boolean permanent() {
		return this.permanent;
	}

}
