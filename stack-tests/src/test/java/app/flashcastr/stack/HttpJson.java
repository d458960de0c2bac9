package app.flashcastr.stack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Small HTTP helpers for Prometheus's and Alertmanager's APIs and the GraphQL load. */
final class HttpJson {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private HttpJson() {
	}

	static int status(String url) {
		try {
			return HTTP
				.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static JsonNode get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build());
	}

	static JsonNode post(String url, String json) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	/** Result of an instant query: its series, or the error Prometheus gave. */
	record QueryResult(int series, String error) {
	}

	static QueryResult query(String prometheus, String expression) {
		JsonNode answer = get(
				prometheus + "/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8));
		if (!"success".equals(answer.path("status").asString())) {
			return new QueryResult(0, answer.path("error").asString(answer.toString()));
		}
		JsonNode data = answer.path("data");
		// Scalars (e.g. time()) are one value.
		return new QueryResult(data.path("resultType").asString().equals("vector") ? data.path("result").size() : 1,
				null);
	}

	private static JsonNode send(HttpRequest request) {
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			String body = response.body();
			return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.uri() + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
