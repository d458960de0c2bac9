package app.flashcastr.api.neynar;

/**
 * A Neynar call failed after its retries: an error status, an unreachable or slow Neynar,
 * or an answer we cannot read. The message names the endpoint and status, never the API
 * key.
 */
public class NeynarException extends RuntimeException {

	private final String endpoint;

	private final int status;

	NeynarException(String endpoint, int status, String message, Throwable cause) {
		super(message, cause);
		this.endpoint = endpoint;
		this.status = status;
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
