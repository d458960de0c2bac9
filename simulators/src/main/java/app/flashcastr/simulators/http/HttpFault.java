package app.flashcastr.simulators.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a simulated HTTP endpoint misbehaves; one fault is active at a time. The records
 * here are the faults every simulator offers; a simulator adds its own modes by
 * implementing this interface in its package.
 */
public interface HttpFault {

	/**
	 * Name used by the admin endpoint.
	 * @return the mode name
	 */
	String mode();

	/**
	 * Parameters shown by the admin endpoint.
	 * @return the parameters, by name
	 */
	default Map<String, Object> parameters() {
		return Map.of();
	}

	/**
	 * The mode and its parameters, as the admin endpoint shows them.
	 * @return a mutable description
	 */
	default Map<String, Object> describe() {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("mode", mode());
		description.putAll(parameters());
		return description;
	}

	/** No fault. */
	record Healthy() implements HttpFault {

		@Override
		public String mode() {
			return "healthy";
		}

	}

	/**
	 * Answer with an error status.
	 *
	 * @param status the status, 400..599
	 */
	record Status(int status) implements HttpFault {

		@Override
		public String mode() {
			return "status";
		}

		@Override
		public Map<String, Object> parameters() {
			return Map.of("status", this.status);
		}

	}

	/**
	 * Answer 429 with {@code Retry-After}.
	 *
	 * @param retryAfter the delay announced
	 */
	record RateLimit(Duration retryAfter) implements HttpFault {

		@Override
		public String mode() {
			return "rate_limit";
		}

		@Override
		public Map<String, Object> parameters() {
			return Map.of("retryAfterSeconds", retryAfterSeconds());
		}

		/**
		 * Retry-After carries whole seconds: round up so a client never retries too
		 * early.
		 * @return the seconds to announce
		 */
		public long retryAfterSeconds() {
			return (this.retryAfter.toMillis() + 999) / 1000;
		}

	}

	/**
	 * Answer healthily after a delay.
	 *
	 * @param delay the added latency
	 */
	record Latency(Duration delay) implements HttpFault {

		@Override
		public String mode() {
			return "latency";
		}

		@Override
		public Map<String, Object> parameters() {
			return Map.of("millis", this.delay.toMillis());
		}

	}

	/** Hold requests without answering (the admin's {@code timeout} mode). */
	record Hang() implements HttpFault {

		@Override
		public String mode() {
			return "timeout";
		}

	}

}
