package app.flashcastr.testinfra;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.flashcastr.localinfra.RabbitEndpoint;

/**
 * Vhosts through the RabbitMQ management HTTP API (the {@code rabbitmq_management}
 * plugin).
 */
final class ManagementApiVhosts implements VhostControl {

	private static final Pattern VHOST_NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");

	private static final int CLOSED_CONNECTION_ATTEMPTS = 4;

	// HTTP/1.1: the default upgrade to HTTP/2 (h2c) gave one shared connection that, once
	// the management API closed it when idle, failed every later call with EOF.
	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final RabbitEndpoint broker;

	ManagementApiVhosts(RabbitEndpoint broker) {
		this.broker = broker;
	}

	/** Returns why the API cannot manage vhosts, or {@code null} when it can. */
	String problem() {
		try {
			int status = send(request("/api/whoami").GET().build()).statusCode();
			return (status == 200) ? null : "GET /api/whoami answered " + status;
		}
		catch (InfrastructureUnavailableException ex) {
			return ex.getMessage();
		}
	}

	@Override
	public void add(String name, String username) {
		expectSuccess(
				send(request("/api/vhosts/" + encode(name)).PUT(HttpRequest.BodyPublishers.ofString("{}")).build()),
				"PUT /api/vhosts/" + name);
		HttpResponse<String> permitted = send(request("/api/permissions/" + encode(name) + "/" + encode(username))
			.PUT(HttpRequest.BodyPublishers.ofString("{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}"))
			.build());
		if (permitted.statusCode() / 100 != 2) {
			delete(name);
			expectSuccess(permitted, "PUT /api/permissions/" + name);
		}
	}

	@Override
	public void delete(String name) {
		HttpResponse<String> response = send(request("/api/vhosts/" + encode(name)).DELETE().build());
		if (response.statusCode() != 404) {
			expectSuccess(response, "DELETE /api/vhosts/" + name);
		}
	}

	@Override
	public List<String> names() {
		HttpResponse<String> response = send(request("/api/vhosts").GET().build());
		expectSuccess(response, "GET /api/vhosts");
		List<String> names = new ArrayList<>();
		Matcher matcher = VHOST_NAME.matcher(response.body());
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	@Override
	public String describe() {
		return "management API at " + this.broker.managementUrl();
	}

	private HttpRequest.Builder request(String path) {
		String credentials = this.broker.username() + ":" + this.broker.password();
		return HttpRequest.newBuilder(URI.create(this.broker.managementUrl() + path))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json");
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return sendRetryingClosedConnections(request);
		}
		catch (IOException ex) {
			String why = (ex instanceof ConnectException) ? "nothing answers (plugin not enabled?)"
					: ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
			throw new InfrastructureUnavailableException(request.method() + " " + request.uri() + ": " + why, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InfrastructureUnavailableException("interrupted during " + request.uri().getPath(), ex);
		}
	}

	/**
	 * Every call here is idempotent (PUT, DELETE, GET), so a pooled connection the
	 * management API closed under us ("EOF reached while reading") is tried again on a
	 * new one, a few times; a refused connection is not.
	 */
	private static HttpResponse<String> sendRetryingClosedConnections(HttpRequest request)
			throws IOException, InterruptedException {
		for (int attempt = 1;; attempt++) {
			try {
				return http.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (ConnectException ex) {
				throw ex;
			}
			catch (IOException ex) {
				if (attempt >= CLOSED_CONNECTION_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	private static void expectSuccess(HttpResponse<String> response, String what) {
		if (response.statusCode() / 100 != 2) {
			throw new InfrastructureUnavailableException(what + " answered " + response.statusCode());
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
