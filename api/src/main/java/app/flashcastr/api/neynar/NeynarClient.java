package app.flashcastr.api.neynar;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import app.flashcastr.neynar.NeynarException;
import app.flashcastr.neynar.NeynarHttp;
import app.flashcastr.neynar.NeynarProperties;
import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * The API's Neynar v2 calls (signup and profiles) over the shared {@link NeynarHttp}
 * transport (bounded retries, {@code Retry-After}). Counts
 * {@code flashcastr_api_neynar_requests_total{endpoint, status=attempt|success|error}}
 * once per call (not per retry).
 */
@Component
public class NeynarClient {

	/** Neynar's limit on fids per bulk request. */
	static final int BULK_LIMIT = 100;

	private final NeynarHttp http;

	private final Map<Endpoint, Map<Outcome, Counter>> counters = new EnumMap<>(Endpoint.class);

	public NeynarClient(NeynarProperties properties, RestClient.Builder builder, ServiceMeters meters) {
		this.http = new NeynarHttp(properties, builder);
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
					(client) -> client.get().uri("/v2/farcaster/user/bulk?fids={fids}", chunk), null,
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
				(client) -> client.post()
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
				(client) -> client.post()
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
				(client) -> client.get().uri("/v2/farcaster/signer?signer_uuid={uuid}", signerUuid), null,
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
				(client) -> client.get()
					.uri("/v2/farcaster/user/custody-address?custody_address={address}", custodyAddress),
				Optional.empty(), (json) -> Optional.of(parseUser(json.path("user"))));
	}

	/**
	 * One call: the attempt, its retries and its metric.
	 * @param notFound the value of a 404, or null when a 404 is an error
	 */
	private <T> T call(Endpoint endpoint, Function<RestClient, RestClient.RequestHeadersSpec<?>> request, T notFound,
			Function<JsonNode, T> parser) {
		Map<Outcome, Counter> counters = this.counters.get(endpoint);
		counters.get(Outcome.ATTEMPT).increment();
		try {
			T result = this.http.call(endpoint.metricName, request, notFound, parser);
			counters.get(Outcome.SUCCESS).increment();
			return result;
		}
		catch (NeynarException ex) {
			counters.get(Outcome.ERROR).increment();
			throw ex;
		}
	}

	private static NeynarSigner parseSigner(JsonNode json) {
		String uuid = NeynarHttp.text(json, "signer_uuid");
		String status = NeynarHttp.text(json, "status");
		if (uuid == null || status == null) {
			throw new IllegalArgumentException("signer without signer_uuid or status");
		}
		JsonNode fid = json.path("fid");
		return new NeynarSigner(uuid, NeynarHttp.text(json, "public_key"), status,
				NeynarHttp.text(json, "signer_approval_url"),
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
		return new NeynarUser(fid.intValue(), NeynarHttp.text(user, "username"), NeynarHttp.text(user, "pfp_url"));
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
