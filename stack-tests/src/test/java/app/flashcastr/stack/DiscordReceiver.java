package app.flashcastr.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for Discord: accepts webhook POSTs on {@code /api/webhooks/...} (the path
 * Discord uses) and keeps each JSON body.
 */
final class DiscordReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<String> bodies = new CopyOnWriteArrayList<>();

	DiscordReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/api/webhooks/", (exchange) -> {
			this.bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			// Discord answers a webhook without ?wait=true with 204 No Content.
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		this.server.start();
	}

	String webhookUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/api/webhooks/1234567890/stack-test-token";
	}

	List<String> bodies() {
		return List.copyOf(this.bodies);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
