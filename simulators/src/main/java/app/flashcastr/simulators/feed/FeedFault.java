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
