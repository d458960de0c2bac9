package app.flashcastr.simulators.feed;

import java.util.Map;

import app.flashcastr.simulators.http.HttpFault;

/**
 * The feed endpoint's own faults, besides the shared {@link HttpFault}s.
 */
sealed interface FeedFault extends HttpFault {

	record Malformed() implements FeedFault {

		@Override
		public String mode() {
			return "malformed";
		}

	}

	record Empty() implements FeedFault {

		@Override
		public String mode() {
			return "empty";
		}

	}

	/**
	 * Answer a 3xx with a {@code Location} header, as upstream did for the path without
	 * its trailing slash.
	 *
	 * @param status the redirect status, 300..399
	 * @param location the {@code Location} header value
	 */
	record Redirect(int status, String location) implements FeedFault {

		@Override
		public String mode() {
			return "redirect";
		}

		@Override
		public Map<String, Object> parameters() {
			return Map.of("status", this.status, "location", this.location);
		}

	}

	record InvalidRows(int count) implements FeedFault {

		@Override
		public String mode() {
			return "invalid_rows";
		}

		@Override
		public Map<String, Object> parameters() {
			return Map.of("count", this.count);
		}

	}

}
