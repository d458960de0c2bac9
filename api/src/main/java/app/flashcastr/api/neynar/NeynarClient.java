package app.flashcastr.api.neynar;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import app.flashcastr.contracts.http.Backoff;
import app.flashcastr.contracts.http.RetryAfter;
import app.flashcastr.observability.logging.Causes;
import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * Calls the Neynar v2 REST API. Every call retries a 429 (honouring {@code Retry-After}),
 * a 5xx or a missing answer a bounded number of times with jittered backoff, then fails
 * with a {@link NeynarException}; other statuses fail at once. Counts
 * {@code flashcastr_api_neynar_requests_total{endpoint, status=attempt|success|error}}
 * once per call (not per retry). Built from the auto-configured
 * {@link RestClient.Builder} so calls are traced and timed.
 */
@Component
public class NeynarClient {

	/** Neynar's limit on fids per bulk request. */
	static final int BULK_LIMIT = 100;

	private static final int MAX_ANSWER = 1024 * 1024;

	private static final int MAX_EXCERPT = 200;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Logger logger = LoggerFactory.getLogger(NeynarClient.class);

	private final NeynarProperties properties;

	private final RestClient client;

	private final Map<Endpoint, Map<Outcome, Counter>> counters = new EnumMap<>(Endpoint.class);

	public NeynarClient(NeynarProperties properties, RestClient.Builder builder, ServiceMeters meters) {
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
		// Every label pre-registered, so dashboards see zeros before the first call.
		for (Endpoint endpoint : Endpoint.values()) {
			Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
			for (Outcome outcome : Outcome.values()) {
				byOutcome.put(outcome, meters.counter("neynar_requests", "Neynar API calls by endpoint and outcome",
						"endpoint", endpoint.metricName, "status", outcome.label));
			}
			this.counters.put(endpoint, byOutcome);
		}
	}

	/**
	 * {@code GET /v2/farcaster/user/bulk}: the users Neynar knows among these fids, in
	 * chunks of 100 fids per request. Unknown fids are left out.
	 * @param fids the fids, duplicates ignored
	 * @return the users found; empty without a call when {@code fids} is empty
	 */
	public List<NeynarUser> bulkUsers(Collection<Integer> fids) {
		List<Integer> distinct = new ArrayList<>(new LinkedHashSet<>(Objects.requireNonNull(fids, "fids")));
		if (distinct.isEmpty()) {
			return List.of();
		}
		List<NeynarUser> users = new ArrayList<>();
		for (int from = 0; from < distinct.size(); from += BULK_LIMIT) {
			String chunk = distinct.subList(from, Math.min(from + BULK_LIMIT, distinct.size()))
				.stream()
				.map(String::valueOf)
				.collect(Collectors.joining(","));
			users.addAll(call(Endpoint.FETCH_BULK_USERS,
					() -> this.client.get().uri("/v2/farcaster/user/bulk?fids={fids}", chunk), null,
					(json) -> parseUsers(json.path("users"))));
		}
		return users;
	}

	/**
	 * {@code POST /v2/farcaster/signer}: a new managed signer, status {@code generated}.
	 * @return the signer
	 */
	public NeynarSigner createSigner() {
		return call(Endpoint.CREATE_SIGNER,
				() -> this.client.post()
					.uri("/v2/farcaster/signer")
					.contentType(MediaType.APPLICATION_JSON)
					.body(Map.of()),
				null, NeynarClient::parseSigner);
	}

	/**
	 * {@code POST /v2/farcaster/signer/signed_key}, sponsored by Neynar: registers the
	 * app's EIP-712 signed key request, after which the user can approve the signer.
	 * @param signerUuid the signer from {@link #createSigner()}
	 * @param appFid the fid of the app account that signed
	 * @param deadline the request's deadline, epoch seconds
	 * @param signature the EIP-712 signature, {@code 0x} and 130 hex digits
	 * @return the signer, usually {@code pending_approval} with an approval URL
	 */
	public NeynarSigner registerSignedKey(String signerUuid, int appFid, long deadline, String signature) {
		Map<String, Object> body = new HashMap<>();
		body.put("signer_uuid", signerUuid);
		body.put("app_fid", appFid);
		body.put("deadline", deadline);
		body.put("signature", signature);
		body.put("sponsor", Map.of("sponsored_by_neynar", true));
		return call(Endpoint.REGISTER_SIGNED_KEY,
				() -> this.client.post()
					.uri("/v2/farcaster/signer/signed_key")
					.contentType(MediaType.APPLICATION_JSON)
					.body(body),
				null, NeynarClient::parseSigner);
	}

	/**
	 * {@code GET /v2/farcaster/signer}: the signer's current status (and fid once
	 * approved).
	 * @param signerUuid the signer
	 * @return the signer
	 */
	public NeynarSigner lookupSigner(String signerUuid) {
		return call(Endpoint.LOOKUP_SIGNER,
				() -> this.client.get().uri("/v2/farcaster/signer?signer_uuid={uuid}", signerUuid), null,
				NeynarClient::parseSigner);
	}

	/**
	 * {@code GET /v2/farcaster/user/custody-address}: the user whose custody address this
	 * is.
	 * @param custodyAddress {@code 0x} and 40 hex digits
	 * @return the user, or empty when Neynar answers 404
	 */
	public Optional<NeynarUser> userByCustodyAddress(String custodyAddress) {
		return call(Endpoint.LOOKUP_USER_BY_CUSTODY_ADDRESS,
				() -> this.client.get()
					.uri("/v2/farcaster/user/custody-address?custody_address={address}", custodyAddress),
				Optional.empty(), (json) -> Optional.of(parseUser(json.path("user"))));
	}

	/**
	 * One call: the attempt, its retries and its metric.
	 * @param notFound the value of a 404, or null when a 404 is an error
	 */
	private <T> T call(Endpoint endpoint, RequestFactory request, T notFound, Function<JsonNode, T> parser) {
		Map<Outcome, Counter> counters = this.counters.get(endpoint);
		counters.get(Outcome.ATTEMPT).increment();
		try {
			T result = retrying(endpoint, request, notFound, parser);
			counters.get(Outcome.SUCCESS).increment();
			return result;
		}
		catch (NeynarException ex) {
			counters.get(Outcome.ERROR).increment();
			throw ex;
		}
	}

	private <T> T retrying(Endpoint endpoint, RequestFactory request, T notFound, Function<JsonNode, T> parser) {
		if (!this.properties.hasApiKey()) {
			throw new NeynarException(endpoint.metricName, 0,
					"Neynar " + endpoint.metricName + ": no API key configured (NEYNAR_API_KEY)", null);
		}
		for (int attempt = 1;; attempt++) {
			Answer answer = send(endpoint, request);
			if (answer.status() >= 200 && answer.status() < 300) {
				return parse(endpoint, answer, parser);
			}
			if (answer.status() == 404 && notFound != null) {
				return notFound;
			}
			NeynarException failure = new NeynarException(endpoint.metricName, answer.status(),
					answer.describe(endpoint), answer.cause());
			if (!answer.retryable() || attempt > this.properties.maxRetries()) {
				throw failure;
			}
			Duration delay = Backoff.honouring(answer.retryAfter(), this.properties.retryBackoff(),
					this.properties.maxRetryDelay(), attempt);
			if (answer.retryAfter() != null && answer.retryAfter().compareTo(this.properties.maxRetryDelay()) > 0) {
				// Neynar asks for a longer pause than a request can wait: fail now.
				throw failure;
			}
			logger.debug("Neynar {} attempt {} failed ({}), retrying in {} ms", endpoint.metricName, attempt,
					answer.statusText(), delay.toMillis());
			sleep(delay);
		}
	}

	private Answer send(Endpoint endpoint, RequestFactory request) {
		try {
			return request.create().exchange((req, response) -> read(response), true);
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

	private static <T> T parse(Endpoint endpoint, Answer answer, Function<JsonNode, T> parser) {
		try {
			return parser.apply(JSON.readTree(answer.body()));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new NeynarException(endpoint.metricName, answer.status(),
					"Neynar " + endpoint.metricName + " answered " + answer.status() + " with an unreadable body", ex);
		}
	}

	private static NeynarSigner parseSigner(JsonNode json) {
		String uuid = text(json, "signer_uuid");
		String status = text(json, "status");
		if (uuid == null || status == null) {
			throw new IllegalArgumentException("signer without signer_uuid or status");
		}
		JsonNode fid = json.path("fid");
		return new NeynarSigner(uuid, text(json, "public_key"), status, text(json, "signer_approval_url"),
				fid.canConvertToInt() && fid.isIntegralNumber() ? fid.intValue() : null);
	}

	private static List<NeynarUser> parseUsers(JsonNode users) {
		if (!users.isArray()) {
			throw new IllegalArgumentException("no users array");
		}
		List<NeynarUser> parsed = new ArrayList<>();
		users.forEach((user) -> parsed.add(parseUser(user)));
		return parsed;
	}

	private static NeynarUser parseUser(JsonNode user) {
		JsonNode fid = user.path("fid");
		if (!fid.isIntegralNumber() || !fid.canConvertToInt()) {
			throw new IllegalArgumentException("user without fid");
		}
		return new NeynarUser(fid.intValue(), text(user, "username"), text(user, "pfp_url"));
	}

	private static String text(JsonNode json, String field) {
		JsonNode node = json.path(field);
		return node.isString() ? node.stringValue() : null;
	}

	private static void sleep(Duration delay) {
		try {
			Thread.sleep(delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new NeynarException("retry", 0, "Interrupted while waiting to retry Neynar", ex);
		}
	}

	/** A request ready to send; created anew for every attempt. */
	@FunctionalInterface
	private interface RequestFactory {

		RestClient.RequestHeadersSpec<?> create();

	}

	/** What one attempt got: a status and body, or no answer ({@code status} 0). */
	private record Answer(int status, Duration retryAfter, byte[] body, Exception cause) {

		boolean retryable() {
			return this.status == 0 || this.status == 429 || this.status >= 500;
		}

		String statusText() {
			return (this.status == 0) ? "no answer: " + Causes.describe(this.cause) : "status " + this.status;
		}

		String describe(Endpoint endpoint) {
			return "Neynar " + endpoint.metricName + " failed with " + statusText() + excerpt();
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

	private enum Endpoint {

		FETCH_BULK_USERS("fetchBulkUsers"), LOOKUP_SIGNER("lookupSigner"), CREATE_SIGNER("createSigner"),
		REGISTER_SIGNED_KEY("registerSignedKey"), LOOKUP_USER_BY_CUSTODY_ADDRESS("lookupUserByCustodyAddress");

		private final String metricName;

		Endpoint(String metricName) {
			this.metricName = metricName;
		}

	}

	private enum Outcome {

		ATTEMPT("attempt"), SUCCESS("success"), ERROR("error");

		private final String label;

		Outcome(String label) {
			this.label = label;
		}

	}

}
