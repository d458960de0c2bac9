package app.flashcastr.simulators.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP to a simulator, the way the producer will talk to upstream (redirects not
 * followed).
 */
final class FeedClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final URI baseUri;

	FeedClient(URI baseUri) {
		this.baseUri = baseUri;
	}

	HttpResponse<byte[]> get(String path) {
		return send(request(path).timeout(Duration.ofSeconds(30)).GET().build());
	}

	HttpResponse<byte[]> feed() {
		return get("/flashinvaders/flashes/");
	}

	JsonNode feedJson() {
		HttpResponse<byte[]> response = feed();
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Feed answered " + response.statusCode());
		}
		return JSON.readTree(response.body());
	}

	CompletableFuture<HttpResponse<byte[]>> feedAsync(Duration timeout) {
		return this.http.sendAsync(request("/flashinvaders/flashes/").timeout(timeout).GET().build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	HttpResponse<byte[]> post(String path, String json) {
		return send(request(path).timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	HttpResponse<byte[]> delete(String path) {
		return send(request(path).timeout(Duration.ofSeconds(30)).DELETE().build());
	}

	JsonNode json(HttpResponse<byte[]> response) {
		return JSON.readTree(response.body());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUri + path))
			.header("Accept", "application/json, text/plain, */*");
	}

	private HttpResponse<byte[]> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
