package app.flashcastr.contracts.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@code RABBITMQ_URL} naming one broker or every node of a cluster, read into one
 * {@code amqp://} URL per node (Spring's {@code spring.rabbitmq.addresses}). Accepted:
 * <ul>
 * <li>{@code amqp://user:pass@host:5672/vhost} — one node;</li>
 * <li>{@code amqp://user:pass@h1:5701,amqp://user:pass@h2:5702,...} — a URL per
 * node;</li>
 * <li>{@code amqp://user:pass@h1:5701,h2:5702,h3:5703/vhost} — the short form: scheme and
 * credentials written once, the vhost once (at the end), each node as host:port.</li>
 * </ul>
 * Every node gets the same scheme, credentials and vhost: a connection may land on any of
 * them. JDK only, so tools without Spring read it the same way.
 *
 * @param addresses one URL (or host:port) per node, in the given order
 */
public record RabbitUrl(List<String> addresses) {

	public RabbitUrl {
		addresses = List.copyOf(addresses);
	}

	/**
	 * Reads a broker URL.
	 * @param rabbitUrl the URL (one node, or several separated by commas)
	 * @return one address per node
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public static RabbitUrl parse(String rabbitUrl) {
		List<String> entries = new ArrayList<>();
		for (String entry : rabbitUrl.split(",")) {
			if (!entry.isBlank()) {
				entries.add(entry.strip());
			}
		}
		if (entries.isEmpty()) {
			throw new IllegalArgumentException("RABBITMQ_URL is empty (expected amqp://user:pass@host:port/vhost)");
		}
		if (entries.size() == 1) {
			return new RabbitUrl(entries);
		}
		List<Node> nodes = entries.stream().map(Node::parse).toList();
		String scheme = common(nodes.stream().map(Node::scheme).toList(), "scheme");
		String userInfo = common(nodes.stream().map(Node::userInfo).toList(), "user and password");
		String vhost = common(nodes.stream().map(Node::vhost).toList(), "vhost");
		if (scheme == null) {
			// host:port entries without amqp://: taken as they are, as Spring takes them.
			if (userInfo != null || vhost != null) {
				throw new IllegalArgumentException(
						"RABBITMQ_URL: credentials or a vhost need the amqp:// form, e.g. amqp://user:pass@h1:5701,h2:5702/vhost");
			}
			return new RabbitUrl(entries);
		}
		List<String> addresses = new ArrayList<>(nodes.size());
		for (Node node : nodes) {
			addresses.add(scheme + "://" + ((userInfo != null) ? userInfo + "@" : "") + node.hostPort()
					+ ((vhost != null) ? "/" + vhost : ""));
		}
		return new RabbitUrl(addresses);
	}

	/** Whether the URL names more than one node. */
	public boolean cluster() {
		return this.addresses.size() > 1;
	}

	/**
	 * The addresses, comma-separated, as {@code spring.rabbitmq.addresses} takes them.
	 */
	public String springAddresses() {
		return String.join(",", this.addresses);
	}

	/** The one value the nodes that state it agree on, or null when none states it. */
	private static String common(List<String> values, String what) {
		List<String> stated = values.stream().filter(Objects::nonNull).distinct().toList();
		if (stated.size() > 1) {
			throw new IllegalArgumentException("RABBITMQ_URL: the nodes disagree on the " + what
					+ "; write it once (amqp://user:pass@h1:5701,h2:5702/vhost) or the same in every URL");
		}
		return stated.isEmpty() ? null : stated.get(0);
	}

	@Override
	public String toString() {
		// Never print the password.
		return "RabbitUrl"
				+ this.addresses.stream().map((a) -> a.replaceAll("://([^:@/]*):[^@/]*@", "://$1:****@")).toList();
	}

	/** One entry: what it states, null where it states nothing. */
	private record Node(String scheme, String userInfo, String hostPort, String vhost) {

		static Node parse(String entry) {
			String rest = entry;
			String scheme = null;
			int schemeEnd = rest.indexOf("://");
			if (schemeEnd >= 0) {
				scheme = rest.substring(0, schemeEnd);
				if (!scheme.equals("amqp") && !scheme.equals("amqps")) {
					throw new IllegalArgumentException(
							"RABBITMQ_URL must use amqp:// or amqps:// (got scheme '" + scheme + "')");
				}
				rest = rest.substring(schemeEnd + 3);
			}
			String userInfo = null;
			int at = rest.lastIndexOf('@');
			if (at >= 0) {
				userInfo = rest.substring(0, at);
				rest = rest.substring(at + 1);
			}
			String vhost = null;
			int slash = rest.indexOf('/');
			if (slash >= 0) {
				vhost = rest.substring(slash + 1);
				rest = rest.substring(0, slash);
				if (vhost.isEmpty()) {
					vhost = null;
				}
			}
			if (rest.isEmpty()) {
				throw new IllegalArgumentException("RABBITMQ_URL: an entry names no host ('" + mask(entry) + "')");
			}
			return new Node(scheme, userInfo, rest, vhost);
		}

		private static String mask(String entry) {
			return entry.replaceAll("://([^:@/]*):[^@/]*@", "://$1:****@");
		}

	}

}
