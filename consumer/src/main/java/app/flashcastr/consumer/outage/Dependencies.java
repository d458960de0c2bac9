package app.flashcastr.consumer.outage;

import org.springframework.stereotype.Component;

import app.flashcastr.consumer.intake.Shutdown;
import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * The services a flash needs, each with its retries counter
 * ({@code invaders_consumer_retries_total{cause}}) and its consecutive-failures gauge
 * ({@code invaders_consumer_consecutive_failures{type}}), labels registered up front.
 */
@Component
public class Dependencies {

	private final Dependency database;

	private final Dependency ipfs;

	private final Dependency download;

	Dependencies(ServiceMeters meters, Shutdown shutdown, HoldProperties hold) {
		this.database = register(meters, "database", "PostgreSQL", shutdown, hold);
		this.ipfs = register(meters, "ipfs", "IPFS", shutdown, hold);
		this.download = register(meters, "download", "Image host", shutdown, hold);
	}

	private static Dependency register(ServiceMeters meters, String label, String displayName, Shutdown shutdown,
			HoldProperties hold) {
		Dependency dependency = new Dependency(displayName, hold, shutdown, meters.counter("retries",
				"Steps retried while their flash held its message, by the service that failed", "cause", label));
		meters.gauge("consecutive_failures",
				"Consecutive failed calls to a service: the failure that found it down, then each failed probe",
				dependency, Dependency::consecutiveFailures, "type", label);
		return dependency;
	}

	/** PostgreSQL: lookups and CID writes. */
	public Dependency database() {
		return this.database;
	}

	/** The IPFS pinning service. */
	public Dependency ipfs() {
		return this.ipfs;
	}

	/** The feed host the images are downloaded from. */
	public Dependency download() {
		return this.download;
	}

}
