package app.flashcastr.localinfra;

import java.util.Locale;

/**
 * Where a PostgreSQL server or an AMQP broker comes from. The devstack tries environment,
 * local, embedded (or the cluster when asked); tests try environment, local,
 * Testcontainers (or the cluster when a test asks for it).
 */
public enum InfrastructureOrigin {

	/**
	 * A URL given in the environment ({@code DATABASE_URL} / {@code RABBITMQ_URL} for the
	 * devstack, {@code TEST_DATABASE_URL} / {@code TEST_RABBITMQ_URL} for tests).
	 */
	ENVIRONMENT,

	/** A service already answering on its standard port on 127.0.0.1. */
	LOCAL,

	/** The local three-node RabbitMQ cluster of {@code rabbitmq/cluster.sh}. */
	CLUSTER,

	/** A container started once per test JVM (needs a Docker engine). */
	TESTCONTAINERS,

	/** Started inside the devstack JVM, gone when it stops. */
	EMBEDDED;

	/**
	 * Lower-case name, as the devstack shows it in the console and the status file.
	 * @return the label
	 */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
