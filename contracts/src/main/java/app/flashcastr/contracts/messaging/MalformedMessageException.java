package app.flashcastr.contracts.messaging;

/**
 * A message that can never be processed as sent: a consumer dead-letters it at once with
 * {@link #reason()} instead of retrying.
 */
public class MalformedMessageException extends RuntimeException {

	private final Reason reason;

	public MalformedMessageException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public MalformedMessageException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	/** Why it was rejected; also the metric label and the dead-letter header value. */
	public Reason reason() {
		return this.reason;
	}

	/** Why a message was rejected. */
	public enum Reason {

		/** Not JSON, or not an object. */
		MALFORMED_JSON,
		/** A {@code type} this consumer does not handle. */
		UNKNOWN_TYPE,
		/** A {@code version} this consumer cannot read. */
		UNSUPPORTED_VERSION,
		/** Envelope or payload fields missing or of the wrong type. */
		INVALID_PAYLOAD;

		/** Lower-case label value, e.g. {@code malformed_json}. */
		public String label() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
