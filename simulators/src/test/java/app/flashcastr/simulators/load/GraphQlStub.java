package app.flashcastr.simulators.load;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tiny GraphQL endpoint for the load generator's tests: counts operations by name and
 * answers each with just enough data (flash ids, a fid, an approved signer).
 */
final class GraphQlStub implements AutoCloseable {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final Map<String, AtomicLong> operations = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> variablesSeen = new ConcurrentHashMap<>();

	private final HttpServer server;

	GraphQlStub() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
		this.server.createContext("/graphql", this::handle);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.start();
	}

	URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/graphql");
	}

	long count(String operationName) {
		AtomicLong count = this.operations.get(operationName);
		return (count != null) ? count.get() : 0;
	}

	/** The operation names received so far (a snapshot, unlike two counts read apart). */
	Set<String> operationNames() {
		return Set.copyOf(this.operations.keySet());
	}

	long total() {
		return this.operations.values().stream().mapToLong(AtomicLong::get).sum();
	}

	/** How often a variable value was sent, e.g. {@code fid=7}. */
	long variable(String nameAndValue) {
		AtomicLong count = this.variablesSeen.get(nameAndValue);
		return (count != null) ? count.get() : 0;
	}

	private void handle(HttpExchange exchange) throws IOException {
		JsonNode request = this.mapper.readTree(exchange.getRequestBody().readAllBytes());
		String operation = request.path("operationName").asString("");
		this.operations.computeIfAbsent(operation, (name) -> new AtomicLong()).incrementAndGet();
		request.path("variables")
			.properties()
			.forEach((entry) -> this.variablesSeen
				.computeIfAbsent(entry.getKey() + "=" + entry.getValue().asString(), (key) -> new AtomicLong())
				.incrementAndGet());
		String data = switch (operation) {
			case "LoadGlobalFlashes" ->
				"{\"globalFlashes\":[{\"flash_id\":\"101\",\"player\":\"ALICE\"},{\"flash_id\":\"102\",\"player\":\"BOB\"}]}";
			case "LoadUsers" -> "{\"users\":[{\"fid\":7,\"username\":\"ALICE\"}]}";
			case "LoadInitiateSignup" -> "{\"initiateSignup\":{\"signer_uuid\":\"s-1\",\"status\":\"generated\"}}";
			case "LoadPollSignupStatus" -> "{\"pollSignupStatus\":{\"status\":\"APPROVED_FINALIZED\",\"fid\":9}}";
			default -> "{}";
		};
		byte[] body = ("{\"data\":" + data + "}").getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
