package app.flashcastr.testinfra;

/**
 * Where a resolved test server comes from, in the order they are tried.
 */
public enum InfrastructureOrigin {

	/** {@code TEST_DATABASE_URL} / {@code TEST_RABBITMQ_URL}. */
	ENVIRONMENT,

	/** A service answering on its standard port on 127.0.0.1. */
	LOCAL,

	/** A container started once per JVM (needs a Docker engine). */
	TESTCONTAINERS,

	/**
	 * The local three-node cluster of {@code rabbitmq/cluster.sh} (see
	 * {@link RabbitCluster}).
	 */
	CLUSTER

}
