package app.flashcastr.devstack.infra;

import java.util.Locale;

/**
 * Where a piece of devstack infrastructure comes from, in the order they are tried.
 */
public enum InfraOrigin {

	/** {@code DATABASE_URL} / {@code RABBITMQ_URL} given by the user. */
	ENVIRONMENT,

	/** A service already answering on its standard port on 127.0.0.1. */
	LOCAL,

	/**
	 * The local three-node RabbitMQ cluster of {@code rabbitmq/cluster.sh}
	 * ({@code DEVSTACK_RABBITMQ=cluster}).
	 */
	CLUSTER,

	/** Started inside the devstack JVM, gone when it stops. */
	EMBEDDED;

	/** Lower-case name, as shown in the console and the status file. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
