package app.flashcastr.bench.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fresh vhost on the local RabbitMQ, created through the management API with full
 * permissions for guest, deleted on close.
 */
public final class BenchVhost implements AutoCloseable {

	static final String MANAGEMENT = "http://127.0.0.1:15672";

	private static final String AUTHORIZATION = "Basic "
			+ Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final AtomicInteger sequence = new AtomicInteger();

	private final String name;

	private BenchVhost(String name) {
		this.name = name;
	}

	/** Creates the vhost and grants guest everything on it. */
	public static BenchVhost create() throws IOException, InterruptedException {
		String name = "bench_" + System.currentTimeMillis() + "_" + sequence.incrementAndGet();
		send("PUT", "/api/vhosts/" + name, "{}");
		BenchVhost vhost = new BenchVhost(name);
		Cleanup.register(vhost);
		send("PUT", "/api/permissions/" + name + "/guest", "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
		return vhost;
	}

	public String name() {
		return this.name;
	}

	/** The URL the services read from {@code RABBITMQ_URL}. */
	public String amqpUrl() {
		return "amqp://guest:guest@127.0.0.1:5672/" + this.name;
	}

	/**
	 * Messages in a queue as the management API reports them (its statistics lag a few
	 * seconds behind); -1 when the queue does not exist.
	 */
	public long messages(String queue) throws IOException, InterruptedException {
		HttpResponse<String> response = request("GET", "/api/queues/" + this.name + "/" + queue, null);
		if (response.statusCode() == 404) {
			return -1;
		}
		JsonNode messages = json.readTree(response.body()).get("messages");
		return (messages != null) ? messages.asLong() : 0;
	}

	@Override
	public void close() {
		Cleanup.unregister(this);
		try {
			request("DELETE", "/api/vhosts/" + this.name, null);
		}
		catch (IOException ex) {
			System.err.println("[bench] could not delete vhost " + this.name + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void send(String method, String path, String body) throws IOException, InterruptedException {
		HttpResponse<String> response = request(method, path, body);
		if (response.statusCode() / 100 != 2) {
			throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
		}
	}

	private static HttpResponse<String> request(String method, String path, String body)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(MANAGEMENT + path))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", AUTHORIZATION)
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
