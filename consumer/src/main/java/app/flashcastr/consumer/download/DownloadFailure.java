package app.flashcastr.consumer.download;

import java.time.Duration;
import java.util.Locale;

/**
 * An image could not be downloaded; {@link #permanent()} tells whether trying again later
 * can help.
 */
public class DownloadFailure extends RuntimeException {

	private final Reason reason;

	private final int status;

	private final Duration retryAfter;

	public DownloadFailure(Reason reason, String message) {
		this(reason, message, 0, null, null);
	}

	public DownloadFailure(Reason reason, String message, int status, Duration retryAfter, Throwable cause) {
		super(message, cause);
		this.reason = reason;
		this.status = status;
		this.retryAfter = retryAfter;
	}

	public Reason reason() {
		return this.reason;
	}

	/**
	 * True for {@code NOT_FOUND} (404/410), {@code NOT_AN_IMAGE} and {@code TOO_LARGE}:
	 * retrying cannot help.
	 */
	public boolean permanent() {
		return this.reason != Reason.TRANSIENT;
	}

	/**
	 * HTTP status of the last attempt, or 0 when no response came back (timeout, refused,
	 * reset).
	 */
	public int status() {
		return this.status;
	}

	/** The feed host's {@code Retry-After} on the last attempt (429/503), or null. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	/** Why a download failed. */
	public enum Reason {

		/** 404 or 410, or an {@code img} that is not a path on the feed host. */
		NOT_FOUND,
		/**
		 * The answer was not {@code image/*} (e.g. an HTML error page served with 200).
		 */
		NOT_AN_IMAGE,
		/** Larger than {@code invaders.consumer.download.max-size}. */
		TOO_LARGE,
		/** Timeouts, refused connections, 5xx, 429 and other errors that may pass. */
		TRANSIENT;

		/**
		 * Lower-case name for metrics and dead-letter reasons, e.g. {@code not_an_image}.
		 */
		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
