package app.flashcastr.producer.sync;

import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import app.flashcastr.contracts.retry.Backoff;
import app.flashcastr.contracts.retry.RetryAfter;
import app.flashcastr.observability.logging.Causes;
import app.flashcastr.producer.ProducerProperties;

/**
 * Reads the Space Invaders feed: the exact path with its trailing slash (without it the
 * server answers 301), 2xx only, timeouts, bounded retries with full jitter,
 * {@code Retry-After} honoured, and optional proxies rotated on 407 and failures
 * (upstream was IP-blocked). Every call is counted as success or error. A redirect is
 * never followed (upstream's 301 loop became timeouts): it counts as an error, is logged
 * with its {@code Location} at ERROR, and ends the run's attempts, since retrying the
 * same URL gets the same answer.
 */
@Component
class FeedClient {

	static final String FEED_PATH = "/flashinvaders/flashes/";

	private static final Logger logger = LoggerFactory.getLogger(FeedClient.class);

	private final ProducerProperties.Feed settings;

	private final SyncMetrics metrics;

	private final Clock clock;

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final List<Route> routes;

	private int nextRoute;

	FeedClient(ProducerProperties properties, RestClient.Builder restClientBuilder, SyncMetrics metrics, Clock clock) {
		this.settings = properties.feed();
		this.metrics = metrics;
		this.clock = clock;
		this.routes = routes(restClientBuilder, this.settings);
	}

	/**
	 * Fetches the feed, retrying within this run.
	 * @throws FeedUnavailableException when every attempt failed
	 */
	FeedResponse fetch() {
		FeedCallFailure last = null;
		for (int attempt = 1; attempt <= this.settings.maxAttempts(); attempt++) {
			Route route = pickRoute();
			try {
				FeedResponse response = call(route);
				route.succeeded();
				return response;
			}
			catch (FeedCallFailure failure) {
				last = failure;
				if (failure.redirect()) {
					logger.error(
							"Feed call {}/{}{}: {}; redirects are not followed: check FEED_API_URL and the feed path",
							attempt, this.settings.maxAttempts(), route.label(), failure.getMessage());
					throw new FeedUnavailableException("feed redirected: " + failure.getMessage(), failure);
				}
				route.failed(this.clock.instant(), this.settings);
				logger.warn("Feed call {}/{} failed{}: {}", attempt, this.settings.maxAttempts(), route.label(),
						failure.getMessage());
				if (attempt < this.settings.maxAttempts() && !failure.proxyAuthRequired()) {
					pause(Backoff.honouring(failure.retryAfter(), this.settings.retryBaseDelay(),
							this.settings.maxRetryDelay(), attempt));
				}
			}
		}
		throw new FeedUnavailableException("feed unavailable after " + this.settings.maxAttempts() + " attempts", last);
	}

	private FeedResponse call(Route route) {
		this.metrics.apiCallStarted();
		try {
			byte[] body = route.client()
				.get()
				.uri(this.settings.baseUrl().resolve(FEED_PATH))
				.accept(MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.ALL)
				.header(HttpHeaders.USER_AGENT, this.settings.userAgent())
				.header(HttpHeaders.CACHE_CONTROL, "no-cache")
				.exchange((request, response) -> {
					int status = response.getStatusCode().value();
					if (status >= 300 && status < 400) {
						String location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
						throw new FeedCallFailure(
								"HTTP " + status + " redirect to "
										+ ((location != null) ? logSafe(location) : "(no Location)"),
								status, null, null);
					}
					if (status < 200 || status >= 300) {
						throw new FeedCallFailure("HTTP " + status, status,
								RetryAfter.parse(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), this.clock),
								null);
					}
					return response.getBody().readAllBytes();
				});
			FeedResponse parsed = parse(body);
			this.metrics.apiCall(true);
			return parsed;
		}
		catch (FeedCallFailure failure) {
			this.metrics.apiCall(false);
			throw failure;
		}
		catch (RuntimeException ex) {
			// Timeouts, refused connections and I/O errors all arrive here, wrapped by
			// RestClient.
			this.metrics.apiCall(false);
			throw new FeedCallFailure(Causes.describe(ex), 0, null, ex);
		}
	}

	/** A header value fit for one log line: folded and cut at 200 characters. */
	private static String logSafe(String value) {
		String folded = value.replaceAll("\\s+", " ");
		return (folded.length() > 200) ? folded.substring(0, 200) + "…" : folded;
	}

	private FeedResponse parse(byte[] body) {
		JsonNode root;
		try {
			root = this.jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new FeedCallFailure("unparsable body (" + body.length + " bytes)", 0, null, ex);
		}
		if (root == null || !root.isObject()) {
			throw new FeedCallFailure("body is not a JSON object", 0, null, null);
		}
		JsonNode flashCount = root.get("flash_count");
		if (flashCount == null || !(flashCount.isString() || flashCount.isNumber())) {
			throw new FeedCallFailure("flash_count missing", 0, null, null);
		}
		return new FeedResponse(flashCount.asString().trim(), rows(root.get("with_paris")),
				rows(root.get("without_paris")));
	}

	private static List<JsonNode> rows(JsonNode array) {
		if (array == null || array.isNull()) {
			return List.of();
		}
		if (!array.isArray()) {
			throw new FeedCallFailure("flash list is not an array", 0, null, null);
		}
		List<JsonNode> rows = new ArrayList<>(array.size());
		array.forEach(rows::add);
		return rows;
	}

	private synchronized Route pickRoute() {
		Instant now = this.clock.instant();
		for (int i = 0; i < this.routes.size(); i++) {
			Route candidate = this.routes.get((this.nextRoute + i) % this.routes.size());
			if (candidate.usable(now)) {
				this.nextRoute = (this.nextRoute + i + 1) % this.routes.size();
				return candidate;
			}
		}
		// Every proxy is resting: better to try one than to stop syncing altogether.
		Route fallback = this.routes.get(this.nextRoute);
		this.nextRoute = (this.nextRoute + 1) % this.routes.size();
		return fallback;
	}

	private static void pause(Duration delay) {
		try {
			Thread.sleep(delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new FeedUnavailableException("interrupted while waiting to retry", ex);
		}
	}

	private static List<Route> routes(RestClient.Builder builder, ProducerProperties.Feed settings) {
		if (settings.proxies().isEmpty()) {
			return List.of(new Route(null, restClient(builder, settings, null)));
		}
		List<Route> routes = new ArrayList<>();
		for (URI proxy : settings.proxies()) {
			routes.add(new Route(proxy, restClient(builder, settings, proxy)));
		}
		return List.copyOf(routes);
	}

	private static RestClient restClient(RestClient.Builder builder, ProducerProperties.Feed settings, URI proxy) {
		HttpClient.Builder http = HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			// Never follow blindly: upstream's 301 loop (missing slash) became timeouts.
			.followRedirects(HttpClient.Redirect.NEVER);
		if (proxy != null) {
			int port = (proxy.getPort() > 0) ? proxy.getPort() : 80;
			http.proxy(ProxySelector.of(new InetSocketAddress(proxy.getHost(), port)));
			String userInfo = proxy.getRawUserInfo();
			if (userInfo != null && userInfo.contains(":")) {
				String user = URLDecoder.decode(userInfo.substring(0, userInfo.indexOf(':')), StandardCharsets.UTF_8);
				char[] password = URLDecoder
					.decode(userInfo.substring(userInfo.indexOf(':') + 1), StandardCharsets.UTF_8)
					.toCharArray();
				http.authenticator(new Authenticator() {
					@Override
					protected PasswordAuthentication getPasswordAuthentication() {
						return (getRequestorType() == RequestorType.PROXY) ? new PasswordAuthentication(user, password)
								: null;
					}
				});
			}
		}
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(http.build());
		requestFactory.setReadTimeout(settings.readTimeout());
		return builder.clone().requestFactory(requestFactory).build();
	}

	/**
	 * A way to reach the feed: direct, or through one proxy, with its failure strikes.
	 */
	private static final class Route {

		private final URI proxy;

		private final RestClient client;

		private int strikes;

		private Instant restingUntil = Instant.MIN;

		Route(URI proxy, RestClient client) {
			this.proxy = proxy;
			this.client = client;
		}

		RestClient client() {
			return this.client;
		}

		/** Where the call went, without credentials. */
		String label() {
			return (this.proxy != null) ? " via proxy " + this.proxy.getHost() + ":" + this.proxy.getPort() : "";
		}

		synchronized boolean usable(Instant now) {
			return this.proxy == null || !now.isBefore(this.restingUntil);
		}

		synchronized void succeeded() {
			this.strikes = 0;
		}

		synchronized void failed(Instant now, ProducerProperties.Feed settings) {
			if (this.proxy == null) {
				return;
			}
			this.strikes++;
			if (this.strikes >= settings.proxyStrikes()) {
				this.restingUntil = now.plus(settings.proxyRest());
				this.strikes = 0;
			}
		}

	}

}
