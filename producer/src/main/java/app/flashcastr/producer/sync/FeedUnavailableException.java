package app.flashcastr.producer.sync;

/**
 * The feed could not be read in this run (after the retries); the run ends and the next
 * one tries again.
 */
class FeedUnavailableException extends RuntimeException {

	FeedUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
