package app.flashcastr.observability.logging;

/**
 * Log-safe descriptions of failures: the root cause's type and a bounded message, one
 * line, never a stack trace or a response body (upstream hit Railway's log rate limit by
 * logging whole HTTP errors).
 */
public final class Causes {

	private static final int MAX_MESSAGE = 200;

	private Causes() {
	}

	/**
	 * {@code RootType: message}, the message cut at 200 characters and folded to one
	 * line.
	 */
	public static String describe(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage().replaceAll("\\s+", " ") : "";
		if (message.length() > MAX_MESSAGE) {
			message = message.substring(0, MAX_MESSAGE) + "…";
		}
		return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
	}

}
