package app.flashcastr.simulators.ipfs;

import java.time.Duration;
import java.util.Map;

import app.flashcastr.simulators.http.HttpFault;

/**
 * An IPFS API's own faults, besides the shared {@link HttpFault}s.
 */
sealed interface IpfsFault extends HttpFault {

	/** Not listening at all; {@code duration} null means until switched off. */
	record Outage(Duration duration) implements IpfsFault {

		@Override
		public String mode() {
			return "outage";
		}

		@Override
		public Map<String, Object> parameters() {
			return (this.duration != null) ? Map.of("millis", this.duration.toMillis()) : Map.of();
		}

	}

}
