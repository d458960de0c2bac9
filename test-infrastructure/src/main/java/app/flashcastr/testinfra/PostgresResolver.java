package app.flashcastr.testinfra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.flashcastr.localinfra.InfrastructureOrigin;
import app.flashcastr.localinfra.Ports;
import app.flashcastr.localinfra.PostgresEndpoint;

/**
 * Finds the PostgreSQL server for tests: {@code TEST_DATABASE_URL}, then 127.0.0.1:5432,
 * then Testcontainers.
 */
final class PostgresResolver {

	private static final Logger logger = LoggerFactory.getLogger(PostgresResolver.class);

	static final String LOCAL_HOST = Ports.LOOPBACK;

	static final int LOCAL_PORT = 5432;

	private PostgresResolver() {
	}

	static Resolution<PostgresEndpoint> resolve(Map<String, String> environment) {
		return resolve(environment, LOCAL_HOST, LOCAL_PORT);
	}

	/**
	 * As {@link #resolve(Map)}, with the local service looked for elsewhere (for tests).
	 */
	static Resolution<PostgresEndpoint> resolve(Map<String, String> environment, String localHost, int localPort) {
		String url = environment.get(EnvironmentUrls.DATABASE_URL);
		if (url != null && !url.isBlank()) {
			// An explicit URL is a decision: no silent fallback when it does not work.
			PostgresEndpoint configured;
			try {
				configured = EnvironmentUrls.postgres(url);
			}
			catch (InfrastructureUnavailableException ex) {
				return Resolution.failed(ex.getMessage());
			}
			String problem = PostgresAdmin.problem(configured);
			return (problem != null)
					? Resolution
						.failed(EnvironmentUrls.DATABASE_URL + " is set, but " + configured + " fails: " + problem)
					: chosen(configured);
		}
		List<String> tried = new ArrayList<>();
		tried.add(EnvironmentUrls.DATABASE_URL + ": not set");
		PostgresEndpoint local = PostgresEndpoint.trusted(localHost, localPort, "postgres", InfrastructureOrigin.LOCAL);
		if (!Ports.answers(localHost, localPort)) {
			tried.add(localHost + ":" + localPort + ": nothing listening");
		}
		else {
			String problem = PostgresAdmin.problem(local);
			if (problem == null) {
				return chosen(local);
			}
			tried.add(localHost + ":" + localPort + " as user postgres without password: " + problem);
		}
		String noDocker = Containers.dockerUnavailableReason();
		if (noDocker != null) {
			tried.add("Testcontainers: " + noDocker);
		}
		else {
			try {
				return chosen(Containers.postgres());
			}
			catch (RuntimeException | ExceptionInInitializerError ex) {
				tried.add("Testcontainers (" + Containers.POSTGRES_IMAGE + "): " + ex);
			}
		}
		return Resolution.failed("No PostgreSQL for tests. Tried, in order:\n  - " + String.join("\n  - ", tried)
				+ "\nFix one: start PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth), set "
				+ EnvironmentUrls.DATABASE_URL + "=postgresql://user:pass@host:port/db, or run a Docker engine.");
	}

	private static Resolution<PostgresEndpoint> chosen(PostgresEndpoint server) {
		logger.info("Tests use PostgreSQL {}", server);
		PostgresAdmin.dropAbandoned(server);
		return Resolution.found(server);
	}

}
