package app.flashcastr.testinfra;

import java.util.List;

/**
 * One way to create and delete vhosts on a broker: its management HTTP API, or
 * {@code rabbitmqctl} on its node. Failures throw
 * {@link InfrastructureUnavailableException}.
 */
interface VhostControl {

	/** Creates the vhost and gives {@code username} full permissions on it. */
	void add(String name, String username);

	/** Deletes the vhost; one that does not exist is not an error. */
	void delete(String name);

	/** Names of all vhosts. */
	List<String> names();

	/** How vhosts are made, for logs: "management API at ...", "rabbitmqctl on ...". */
	String describe();

}
