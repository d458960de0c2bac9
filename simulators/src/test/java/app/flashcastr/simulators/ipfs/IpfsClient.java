package app.flashcastr.simulators.ipfs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP to the IPFS simulator, multipart bodies built by hand the way the consumer
 * sends them.
 */
final class IpfsClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String BOUNDARY = "----flashcastr-test-boundary";

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	HttpResponse<byte[]> pinata(URI base, String jwt, byte[] file, String fileName) {
		Map<String, Part> parts = new LinkedHashMap<>();
		parts.put("file", new Part(fileName, "image/jpeg", file));
		parts.put("pinataMetadata", Part.json("{\"name\":\"" + fileName + "\"}"));
		return send(pinataRequest(base, jwt, parts, Duration.ofSeconds(30)));
	}

	CompletableFuture<HttpResponse<byte[]>> pinataAsync(URI base, String jwt, byte[] file, Duration timeout) {
		return this.http.sendAsync(
				pinataRequest(base, jwt, Map.of("file", new Part("a.jpg", "image/jpeg", file)), timeout),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	HttpRequest pinataRequest(URI base, String jwt, Map<String, Part> parts, Duration timeout) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/pinning/pinFileToIPFS"))
			.timeout(timeout)
			.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
			.POST(HttpRequest.BodyPublishers.ofByteArray(multipart(parts)));
		if (jwt != null) {
			request.header("Authorization", "Bearer " + jwt);
		}
		return request.build();
	}

	HttpResponse<byte[]> kubo(URI base, String query, byte[] file, String fileName) {
		return send(HttpRequest.newBuilder(URI.create(base + "/api/v0/add" + query))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "multipart/form-data; boundary=\"" + BOUNDARY + "\"")
			.POST(HttpRequest.BodyPublishers
				.ofByteArray(multipart(Map.of("file", new Part(fileName, "application/octet-stream", file)))))
			.build());
	}

	HttpResponse<byte[]> get(URI uri) {
		return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build());
	}

	HttpResponse<byte[]> post(URI uri, String json) {
		return send(HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	HttpResponse<byte[]> delete(URI uri) {
		return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).DELETE().build());
	}

	HttpResponse<byte[]> send(HttpRequest request) {
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

	static JsonNode json(HttpResponse<byte[]> response) {
		return JSON.readTree(response.body());
	}

	static byte[] multipart(Map<String, Part> parts) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		parts.forEach((name, part) -> {
			StringBuilder headers = new StringBuilder("--").append(BOUNDARY)
				.append("\r\nContent-Disposition: form-data; name=\"")
				.append(name)
				.append('"');
			if (part.fileName() != null) {
				headers.append("; filename=\"").append(part.fileName()).append('"');
			}
			headers.append("\r\nContent-Type: ").append(part.contentType()).append("\r\n\r\n");
			body.writeBytes(headers.toString().getBytes(StandardCharsets.UTF_8));
			body.writeBytes(part.content());
			body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		});
		body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return body.toByteArray();
	}

	record Part(String fileName, String contentType, byte[] content) {

		static Part json(String json) {
			return new Part(null, "application/json", json.getBytes(StandardCharsets.UTF_8));
		}

	}

}
