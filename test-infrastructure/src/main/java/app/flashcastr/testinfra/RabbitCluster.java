package app.flashcastr.testinfra;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import app.flashcastr.localinfra.Command;
import app.flashcastr.localinfra.InfrastructureOrigin;
import app.flashcastr.localinfra.Ports;
import app.flashcastr.localinfra.RabbitEndpoint;

/**
 * The local three-node RabbitMQ cluster that {@code rabbitmq/cluster.sh start} runs
 * beside the machine's own node: its nodes and ports, vhosts on it, its queues' leaders,
 * and the faults tests inflict on it (kill -9, restart) through the same script. Get it
 * from {@link TestInfrastructure#cluster()}, which skips (locally) or fails (under CI)
 * when it is not running.
 */
public final class RabbitCluster {

	/** Starts the cluster; the one line a skipped test names. */
	public static final String START_COMMAND = "rabbitmq/cluster.sh start";

	private static final String HOST = Ports.LOOPBACK;

	private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);

	private static final String USER = "guest";

	private static final Pattern LEADER = Pattern.compile("\"leader\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern MEMBERS = Pattern.compile("\"members\"\\s*:\\s*\\[([^]]*)]");

	private static final Pattern RUNNING = Pattern.compile("\"running\"\\s*:\\s*true");

	private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final List<Node> NODES = List.of(new Node(1), new Node(2), new Node(3));

	private RabbitCluster() {
	}

	static RabbitCluster local() {
		return new RabbitCluster();
	}

	/**
	 * Why the cluster cannot be used, as one line naming the command that fixes it, or
	 * null when every node answers.
	 */
	static String problem() {
		List<String> silent = new ArrayList<>();
		for (Node node : NODES) {
			if (!answers(node.amqpPort()) || !answers(node.managementPort())) {
				silent.add(node.name());
			}
		}
		if (silent.isEmpty()) {
			return null;
		}
		return "RabbitMQ cluster not running (" + String.join(", ", silent) + " silent on " + HOST
				+ ":5701-5703/15701-15703): " + START_COMMAND;
	}

	/** The three nodes, in order. */
	public List<Node> nodes() {
		return NODES;
	}

	/**
	 * One node by number.
	 * @param number 1 to 3
	 */
	public Node node(int number) {
		return NODES.get(number - 1);
	}

	/** The node with this Erlang name ({@code flashcastr2@localhost}). */
	public Node node(String name) {
		return NODES.stream()
			.filter((node) -> node.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no cluster node " + name));
	}

	/**
	 * A fresh vhost on the cluster (made through node 1's management API), deleted at JVM
	 * exit or on {@link TestInfrastructure#release(IsolatedVhost)}. Tried three times:
	 * the API may drop a request while a node rejoins.
	 */
	public IsolatedVhost newVhost() {
		for (int attempt = 1;; attempt++) {
			try {
				return VhostAdmin.create(endpoint());
			}
			catch (InfrastructureUnavailableException ex) {
				if (attempt == 3) {
					throw ex;
				}
				awaitAllRunning(Duration.ofSeconds(30));
			}
		}
	}

	/**
	 * Waits until node 1's management API reports the three nodes running (after a
	 * restart, before the next test).
	 */
	public void awaitAllRunning(Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			String nodes = get(node(1), "/api/nodes");
			if (nodes != null && RUNNING.matcher(nodes).results().count() == NODES.size()) {
				return;
			}
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		throw new InfrastructureUnavailableException(
				"the cluster's three nodes are not all running after " + limit + ": rabbitmq/cluster.sh status");
	}

	/**
	 * The services' {@code RABBITMQ_URL} for a vhost of the cluster: every node, in the
	 * short form (credentials once, vhost at the end).
	 */
	public String amqpUrl(IsolatedVhost vhost) {
		return "amqp://" + USER + ":" + USER + "@"
				+ NODES.stream().map((node) -> HOST + ":" + node.amqpPort()).collect(Collectors.joining(",")) + "/"
				+ encode(vhost.name());
	}

	/** The endpoint of node 1, for code that takes one broker. */
	public RabbitEndpoint endpoint() {
		return new RabbitEndpoint(HOST, node(1).amqpPort(), USER, USER, "/", node(1).managementPort(),
				InfrastructureOrigin.CLUSTER);
	}

	/**
	 * The node leading a quorum queue, asked of the first node whose management API
	 * answers; null while it has no leader or no node answers.
	 */
	public Node leader(String vhost, String queue) {
		String body = queueJson(vhost, queue);
		if (body == null) {
			return null;
		}
		Matcher leader = LEADER.matcher(body);
		return leader.find() ? node(leader.group(1)) : null;
	}

	/** The nodes holding a replica of a quorum queue (empty when no node answers). */
	public List<String> members(String vhost, String queue) {
		String body = queueJson(vhost, queue);
		List<String> members = new ArrayList<>();
		if (body != null) {
			Matcher list = MEMBERS.matcher(body);
			if (list.find()) {
				Matcher name = QUOTED.matcher(list.group(1));
				while (name.find()) {
					members.add(name.group(1));
				}
			}
		}
		return members;
	}

	/** Messages in a queue (ready and unacknowledged); -1 when no node answers. */
	public int messages(String vhost, String queue) {
		return count(queueJson(vhost, queue), "messages");
	}

	/**
	 * A queue's ready and unacknowledged messages and its consumers, as the management
	 * API counts them, for a test to print.
	 */
	public String queueState(String vhost, String queue) {
		String body = queueJson(vhost, queue);
		return (body == null) ? "no node answers" : "ready %d, unacknowledged %d, consumers %d"
			.formatted(count(body, "messages_ready"), count(body, "messages_unacknowledged"), count(body, "consumers"));
	}

	private static int count(String body, String field) {
		if (body == null) {
			return -1;
		}
		Matcher value = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(body);
		return value.find() ? Integer.parseInt(value.group(1)) : -1;
	}

	/**
	 * Up to {@code count} messages of a queue as the management API shows them (headers,
	 * payload), put back in the queue; null when no node answers. For a test to say what
	 * a queue holds, such as why the broker dead-lettered a message.
	 */
	public String peek(String vhost, String queue, int count) {
		String body = "{\"count\":" + count + ",\"ackmode\":\"ack_requeue_true\",\"encoding\":\"auto\","
				+ "\"truncate\":2000}";
		for (Node node : NODES) {
			String answer = send(node, "/api/queues/" + encode(vhost) + "/" + encode(queue) + "/get",
					HttpRequest.BodyPublishers.ofString(body));
			if (answer != null) {
				return answer;
			}
		}
		return null;
	}

	/** SIGKILLs a node (a crash: no goodbye to its peers or clients). */
	public void kill9(Node node) {
		script("kill-9", Integer.toString(node.number()));
	}

	/** Starts a node that was killed or stopped and waits until it runs. */
	public void start(Node node) {
		script("start-node", Integer.toString(node.number()));
	}

	/** Stops a node gracefully and starts it again; it rejoins the cluster by itself. */
	public void restart(Node node) {
		script("restart", Integer.toString(node.number()));
	}

	/** Whether the node's AMQP port answers. */
	public boolean running(Node node) {
		return answers(node.amqpPort());
	}

	private String queueJson(String vhost, String queue) {
		for (Node node : NODES) {
			String body = get(node, "/api/queues/" + encode(vhost) + "/" + encode(queue));
			if (body != null) {
				return body;
			}
		}
		return null;
	}

	/** A management API answer of one node, or null when it does not answer 200. */
	private static String get(Node node, String path) {
		return send(node, path, null);
	}

	/** A GET, or a POST of {@code body}; null when the node does not answer 200. */
	private static String send(Node node, String path, HttpRequest.BodyPublisher body) {
		try {
			HttpRequest.Builder builder = HttpRequest
				.newBuilder(URI.create("http://" + HOST + ":" + node.managementPort() + path));
			if (body != null) {
				builder.POST(body).header("Content-Type", "application/json");
			}
			HttpRequest request = builder.timeout(Duration.ofSeconds(5))
				.header("Authorization",
						"Basic " + Base64.getEncoder()
							.encodeToString((USER + ":" + USER).getBytes(StandardCharsets.UTF_8)))
				.build();
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? response.body() : null;
		}
		catch (IOException ex) {
			// This node is down or busy.
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static void script(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add("bash");
		command.add(script().toString());
		command.addAll(List.of(arguments));
		String output;
		try {
			output = Command.run(command, "rabbitmq/cluster.sh " + String.join(" ", arguments), SCRIPT_TIMEOUT);
		}
		catch (Command.Failed ex) {
			throw new InfrastructureUnavailableException(ex.getMessage(), ex);
		}
		System.out.print(output.lines().map((line) -> line + "\n").collect(Collectors.joining()));
	}

	/**
	 * The script in this checkout: found from the module directory Maven runs tests in.
	 */
	static Path script() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			Path candidate = dir.resolve("rabbitmq/cluster.sh");
			if (Files.isRegularFile(candidate)) {
				return candidate;
			}
			dir = dir.getParent();
		}
		throw new InfrastructureUnavailableException(
				"rabbitmq/cluster.sh not found above " + Path.of("").toAbsolutePath());
	}

	private static boolean answers(int port) {
		return Ports.answers(HOST, port);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/**
	 * One node of the cluster.
	 *
	 * @param number 1 to 3
	 */
	public record Node(int number) {

		/** Erlang node name. */
		public String name() {
			return "flashcastr" + this.number + "@localhost";
		}

		/** AMQP port: 5701-5703. */
		public int amqpPort() {
			return 5700 + this.number;
		}

		/** Management API: 15701-15703. */
		public int managementPort() {
			return 15700 + this.number;
		}

		/** Prometheus plugin: 15711-15713. */
		public int prometheusPort() {
			return 15710 + this.number;
		}

	}

}
