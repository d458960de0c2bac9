package app.flashcastr.neynar;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import app.flashcastr.contracts.retry.Backoff;
import app.flashcastr.contracts.retry.RetryAfter;
import app.flashcastr.observability.logging.Causes;

/**
 * Sends one Neynar call: retries a 429 (honouring {@code Retry-After}), a 5xx or a
 * missing answer {@code maxRetries} times with jittered backoff, then fails with a
 * {@link NeynarException}; other statuses fail at once. Built from the service's
 * auto-configured {@link RestClient.Builder}, so calls are traced and timed. Endpoint
 * parsers and metrics stay with each service's own client.
 */
public final class NeynarHttp {

	private static final int MAX_ANSWER = 1024 * 1024;

	private static final int MAX_EXCERPT = 200;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Logger logger = LoggerFactory.getLogger(NeynarHttp.class);

	private final NeynarProperties properties;

	private final RestClient client;

	public NeynarHttp(NeynarProperties properties, RestClient.Builder builder) {
		this.properties = properties;
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(http);
		requestFactory.setReadTimeout(properties.readTimeout());
		String baseUrl = properties.baseUrl().toString();
		RestClient.Builder configured = builder.clone()
			.requestFactory(requestFactory)
			.baseUrl(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl)
			.defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
		if (properties.hasApiKey()) {
			configured.defaultHeader("x-api-key", properties.apiKey());
		}
		this.client = configured.build();
	}

	/**
	 * One call with its retries.
	 * @param <T> the parsed answer
	 * @param endpoint the endpoint's name in messages and metrics, e.g.
	 * {@code lookupSigner}
	 * @param request builds the request anew for every attempt
	 * @param notFound the value of a 404, or null when a 404 is an error
	 * @param parser reads a 2xx body; an {@link IllegalArgumentException} marks it
	 * unreadable
	 * @return the parsed answer
	 * @throws NeynarException when the call fails after its retries
	 */
	public <T> T call(String endpoint, Function<RestClient, RestClient.RequestHeadersSpec<?>> request, T notFound,
			Function<JsonNode, T> parser) {
		if (!this.properties.hasApiKey()) {
			throw new NeynarException(endpoint, 0, "Neynar " + endpoint + ": no API key configured (NEYNAR_API_KEY)",
					null);
		}
		for (int attempt = 1;; attempt++) {
			Answer answer = send(request);
			if (answer.status() >= 200 && answer.status() < 300) {
				return parse(endpoint, answer, parser);
			}
			if (answer.status() == 404 && notFound != null) {
				return notFound;
			}
			NeynarException failure = new NeynarException(endpoint, answer.status(), answer.retryAfter(),
					answer.describe(endpoint), answer.cause());
			if (!answer.retryable() || attempt > this.properties.maxRetries()) {
				throw failure;
			}
			if (answer.retryAfter() != null && answer.retryAfter().compareTo(this.properties.maxRetryDelay()) > 0) {
				// Neynar asks for a longer pause than a call can wait: the caller
				// decides.
				throw failure;
			}
			Duration delay = Backoff.honouring(answer.retryAfter(), this.properties.retryBackoff(),
					this.properties.maxRetryDelay(), attempt);
			logger.debug("Neynar {} attempt {} failed ({}), retrying in {} ms", endpoint, attempt, answer.statusText(),
					delay.toMillis());
			sleep(endpoint, delay);
		}
	}

	/**
	 * A text field of a JSON answer.
	 * @param json the object
	 * @param field the field name
	 * @return its text, or null when absent or not a string
	 */
	public static String text(JsonNode json, String field) {
		JsonNode node = json.path(field);
		return node.isString() ? node.stringValue() : null;
	}

	private Answer send(Function<RestClient, RestClient.RequestHeadersSpec<?>> request) {
		try {
			return request.apply(this.client).exchange((req, response) -> read(response), true);
		}
		catch (RestClientException ex) {
			// Refused connection, timeout or I/O error, wrapped by RestClient.
			return new Answer(0, null, null, ex);
		}
	}

	private static Answer read(ClientHttpResponse response) throws IOException {
		int status = response.getStatusCode().value();
		Duration retryAfter = (status == 429 || status == 503)
				? RetryAfter.parse(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), Clock.systemUTC()) : null;
		byte[] body = response.getBody().readNBytes(MAX_ANSWER);
		return new Answer(status, retryAfter, body, null);
	}

	private static <T> T parse(String endpoint, Answer answer, Function<JsonNode, T> parser) {
		try {
			return parser.apply(JSON.readTree(answer.body()));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new NeynarException(endpoint, answer.status(),
					"Neynar " + endpoint + " answered " + answer.status() + " with an unreadable body", ex);
		}
	}

	private static void sleep(String endpoint, Duration delay) {
		try {
			Thread.sleep(delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new NeynarException(endpoint, 0, "Interrupted while waiting to retry Neynar " + endpoint, ex);
		}
	}

	/** What one attempt got: a status and body, or no answer ({@code status} 0). */
	private record Answer(int status, Duration retryAfter, byte[] body, Exception cause) {

		boolean retryable() {
			return this.status == 0 || this.status == 429 || this.status >= 500;
		}

		String statusText() {
			return (this.status == 0) ? "no answer: " + Causes.describe(this.cause) : "status " + this.status;
		}

		String describe(String endpoint) {
			return "Neynar " + endpoint + " failed with " + statusText() + excerpt();
		}

		/** Neynar's own error message, short and on one line. */
		private String excerpt() {
			if (this.body == null || this.body.length == 0) {
				return "";
			}
			String message;
			try {
				JsonNode json = JSON.readTree(this.body);
				message = json.path("message").isString() ? json.get("message").stringValue() : "";
			}
			catch (JacksonException ex) {
				message = new String(this.body, 0, Math.min(this.body.length, MAX_EXCERPT), StandardCharsets.UTF_8);
			}
			message = message.replaceAll("\\p{Cntrl}+", " ").strip();
			if (message.length() > MAX_EXCERPT) {
				message = message.substring(0, MAX_EXCERPT) + "…";
			}
			return message.isEmpty() ? "" : ": " + message;
		}

	}

}
