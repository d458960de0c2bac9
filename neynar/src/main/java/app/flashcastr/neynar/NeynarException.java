package app.flashcastr.neynar;

import java.time.Duration;

/**
 * A Neynar call failed after its retries: an error status, an unreachable or slow Neynar,
 * or an answer we cannot read. The message names the endpoint and status, never the API
 * key.
 */
public class NeynarException extends RuntimeException {

	private final String endpoint;

	private final int status;

	private final Duration retryAfter;

	NeynarException(String endpoint, int status, String message, Throwable cause) {
		this(endpoint, status, null, message, cause);
	}

	NeynarException(String endpoint, int status, Duration retryAfter, String message, Throwable cause) {
		super(message, cause);
		this.endpoint = endpoint;
		this.status = status;
		this.retryAfter = retryAfter;
	}

	/**
	 * The pause Neynar asked for with a 429 or 503 ({@code Retry-After}), if any.
	 * @return the pause, or null
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * Whether Neynar refused the credentials of the call (401 or 403): retrying the same
	 * call cannot succeed.
	 * @return true for 401 and 403
	 */
	public boolean refused() {
		return this.status == 401 || this.status == 403;
	}

	/**
	 * The endpoint's metric name, e.g. {@code lookupSigner}.
	 * @return the endpoint
	 */
	public String endpoint() {
		return this.endpoint;
	}

	/**
	 * The last HTTP status, or {@code 0} when no answer came (connection, timeout,
	 * configuration).
	 * @return the status
	 */
	public int status() {
		return this.status;
	}

}
