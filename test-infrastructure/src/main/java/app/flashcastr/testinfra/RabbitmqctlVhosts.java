package app.flashcastr.testinfra;

import java.util.List;

/**
 * Vhosts through {@code rabbitmqctl} on the broker's own node (no plugin needed): the
 * local node's CLI, or the one inside the Testcontainers broker.
 */
final class RabbitmqctlVhosts implements VhostControl {

	private final Rabbitmqctl rabbitmqctl;

	private final String node;

	RabbitmqctlVhosts(Rabbitmqctl rabbitmqctl, String node) {
		this.rabbitmqctl = rabbitmqctl;
		this.node = node;
	}

	/**
	 * Returns why {@code rabbitmqctl} cannot manage vhosts, or {@code null} when it can.
	 */
	String problem() {
		try {
			names();
			return null;
		}
		catch (InfrastructureUnavailableException ex) {
			return ex.getMessage();
		}
	}

	@Override
	public void add(String name, String username) {
		this.rabbitmqctl.run("add_vhost", name);
		try {
			this.rabbitmqctl.run("set_permissions", "-p", name, username, ".*", ".*", ".*");
		}
		catch (InfrastructureUnavailableException ex) {
			delete(name);
			throw ex;
		}
	}

	@Override
	public void delete(String name) {
		// --if-exists is not in every version: an absent vhost is read from the output.
		try {
			this.rabbitmqctl.run("delete_vhost", name);
		}
		catch (InfrastructureUnavailableException ex) {
			if (!ex.getMessage().contains("does not exist") && !ex.getMessage().contains("no_such_vhost")) {
				throw ex;
			}
		}
	}

	@Override
	public List<String> names() {
		return this.rabbitmqctl.run("-q", "list_vhosts", "name")
			.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !"name".equals(line))
			.toList();
	}

	@Override
	public String describe() {
		return "rabbitmqctl on " + this.node;
	}

	/** Runs {@code rabbitmqctl} with arguments and returns its output. */
	@FunctionalInterface
	interface Rabbitmqctl {

		/**
		 * @throws InfrastructureUnavailableException if it cannot run or exits non-zero
		 * (the message carries its output)
		 */
		String run(String... arguments);

	}

}
