package app.flashcastr.simulators.neynar;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import app.flashcastr.simulators.http.Dispatch;
import app.flashcastr.simulators.http.EndpointAnswers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything the simulator's port serves: {@code /v2/} through the active fault and the
 * API key check to the Neynar endpoints ({@link NeynarAdminHandler} has the admin API).
 * Errors carry Neynar's shape, {@code {"code":"…","message":"…"}}.
 */
final class NeynarHttpHandler implements HttpHandler {

	static final int MAX_BODY = 256 * 1024;

	/** Neynar's limit on {@code fids} per bulk request. */
	static final int MAX_BULK_FIDS = 100;

	private final NeynarLedger ledger;

	private final NeynarFaults faults;

	private final byte[] apiKey;

	private final JsonMapper mapper;

	private final Clock clock;

	private final CountDownLatch closed;

	NeynarHttpHandler(NeynarLedger ledger, NeynarFaults faults, String apiKey, JsonMapper mapper, Clock clock,
			CountDownLatch closed) {
		this.ledger = ledger;
		this.faults = faults;
		this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
		this.mapper = mapper;
		this.clock = clock;
		this.closed = closed;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getRawPath();
		if (!path.startsWith("/v2/")) {
			error(exchange, 404, "NotFound", "No route " + path);
			return;
		}
		this.ledger.requestArrived();
		Dispatch.throughFaults(exchange, this.faults, () -> this.closed.getCount() == 0, new EndpointAnswers() {

			@Override
			public void healthy(HttpExchange exchange) throws IOException {
				authorizedRoute(exchange, path);
			}

			@Override
			public void status(HttpExchange exchange, int status) throws IOException {
				error(exchange, status, errorCode(status), "Simulated failure");
			}

			@Override
			public void rateLimited(HttpExchange exchange) throws IOException {
				error(exchange, 429, "RateLimitExceeded", "Too many requests");
			}

			@Override
			public void timedOut(HttpExchange exchange) throws IOException {
				error(exchange, 504, errorCode(504), "Gateway timeout");
			}

		});
	}

	private void authorizedRoute(HttpExchange exchange, String path) throws IOException {
		String key = exchange.getRequestHeaders().getFirst("x-api-key");
		if (key == null || !MessageDigest.isEqual(this.apiKey, key.getBytes(StandardCharsets.UTF_8))) {
			error(exchange, 401, "Unauthorized", "Invalid or missing x-api-key");
			return;
		}
		String route = exchange.getRequestMethod() + " " + path;
		try {
			switch (route) {
				case "POST /v2/farcaster/signer" -> sendJson(exchange, 200, this.ledger.createSigner().toJson());
				case "POST /v2/farcaster/signer/signed_key" -> registerSignedKey(exchange);
				case "GET /v2/farcaster/signer" -> lookupSigner(exchange);
				case "GET /v2/farcaster/user/bulk" -> bulkUsers(exchange);
				case "GET /v2/farcaster/user/custody-address" -> userByCustody(exchange);
				case "POST /v2/farcaster/cast" -> publishCast(exchange);
				default -> error(exchange, knownPath(path) ? 405 : 404,
						knownPath(path) ? "MethodNotAllowed" : "NotFound", "No route " + route);
			}
		}
		catch (IllegalArgumentException | JacksonException ex) {
			error(exchange, 400, "InvalidField", String.valueOf(ex.getMessage()));
		}
	}

	private void registerSignedKey(HttpExchange exchange) throws IOException {
		JsonNode body = readBody(exchange);
		String uuid = requiredText(body, "signer_uuid");
		int appFid = requiredInt(body, "app_fid");
		long deadline = requiredLong(body, "deadline");
		byte[] signature = SignedKeyRequests.hex(requiredText(body, "signature"), "signature");
		if (body.has("sponsor") && !body.get("sponsor").isObject()) {
			throw new IllegalArgumentException("'sponsor' must be an object");
		}
		Optional<NeynarLedger.Signer> signer = this.ledger.signer(uuid);
		if (signer.isEmpty()) {
			error(exchange, 404, "NotFound", "Signer not found");
			return;
		}
		Optional<String> custody = this.ledger.appCustody(appFid);
		if (custody.isEmpty()) {
			throw new IllegalArgumentException("app_fid " + appFid + " is not a known app account");
		}
		if (deadline <= this.clock.instant().getEpochSecond()) {
			throw new IllegalArgumentException("deadline is in the past");
		}
		byte[] key = SignedKeyRequests.hex(signer.get().publicKey, "public_key");
		String recovered = SignedKeyRequests.recoverSigner(appFid, key, deadline, signature);
		if (!recovered.equals(custody.get())) {
			error(exchange, 400, "InvalidSignature",
					"The signature does not recover to the custody address of app_fid " + appFid);
			return;
		}
		sendJson(exchange, 200, this.ledger.registerSignedKey(uuid, appFid).toJson());
	}

	private void lookupSigner(HttpExchange exchange) throws IOException {
		String uuid = queryParameter(exchange, "signer_uuid");
		if (uuid == null || uuid.isBlank()) {
			throw new IllegalArgumentException("'signer_uuid' is required");
		}
		Optional<NeynarLedger.Signer> signer = this.ledger.lookUp(uuid);
		if (signer.isEmpty()) {
			error(exchange, 404, "NotFound", "Signer not found");
			return;
		}
		sendJson(exchange, 200, signer.get().toJson());
	}

	private void bulkUsers(HttpExchange exchange) throws IOException {
		String fids = queryParameter(exchange, "fids");
		if (fids == null || fids.isBlank()) {
			throw new IllegalArgumentException("'fids' is required");
		}
		List<Integer> parsed = new ArrayList<>();
		for (String fid : fids.split(",")) {
			try {
				parsed.add(Integer.parseInt(fid.trim()));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("'fids' must be comma-separated integers");
			}
		}
		if (parsed.size() > MAX_BULK_FIDS) {
			throw new IllegalArgumentException("at most " + MAX_BULK_FIDS + " fids per request");
		}
		List<Map<String, Object>> users = this.ledger.users(parsed).stream().map(NeynarHttpHandler::userJson).toList();
		sendJson(exchange, 200, Map.of("users", users));
	}

	private void userByCustody(HttpExchange exchange) throws IOException {
		String address = NeynarLedger.custody(queryParameter(exchange, "custody_address"));
		Optional<NeynarLedger.User> user = this.ledger.userByCustody(address);
		if (user.isEmpty()) {
			error(exchange, 404, "NotFound", "No user with this custody address");
			return;
		}
		sendJson(exchange, 200, Map.of("user", userJson(user.get())));
	}

	private void publishCast(HttpExchange exchange) throws IOException {
		JsonNode body = readBody(exchange);
		String uuid = requiredText(body, "signer_uuid");
		String text = body.path("text").isString() ? body.get("text").stringValue() : "";
		List<String> embeds = new ArrayList<>();
		if (body.has("embeds")) {
			if (!body.get("embeds").isArray() || body.get("embeds").size() > 2) {
				throw new IllegalArgumentException("'embeds' must be an array of at most 2 {url}");
			}
			for (JsonNode embed : body.get("embeds")) {
				embeds.add(requiredText(embed, "url"));
			}
		}
		if (text.isEmpty() && embeds.isEmpty()) {
			throw new IllegalArgumentException("a cast needs text or embeds");
		}
		if (text.getBytes(StandardCharsets.UTF_8).length > 1024) {
			throw new IllegalArgumentException("'text' is longer than 1024 bytes");
		}
		String channelId = optionalText(body, "channel_id");
		String idem = optionalText(body, "idem");
		Optional<NeynarLedger.Signer> signer = this.ledger.signer(uuid);
		if (signer.isEmpty() || !signer.get().status.equals("approved")) {
			String state = signer.map((found) -> found.status).orElse("unknown");
			error(exchange, 403, "Forbidden", "Signer is " + state + ": it cannot cast");
			return;
		}
		SimulatedCast cast = this.ledger.publish(signer.get(), text, embeds, channelId, idem);
		Map<String, Object> author = new LinkedHashMap<>();
		author.put("object", "user");
		author.put("fid", cast.authorFid());
		this.ledger.user(cast.authorFid()).ifPresent((user) -> author.put("username", user.username()));
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("hash", cast.hash());
		json.put("author", author);
		json.put("text", cast.text());
		sendJson(exchange, 200, Map.of("success", true, "cast", json));
	}

	static Map<String, Object> userJson(NeynarLedger.User user) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("object", "user");
		json.put("fid", user.fid());
		json.put("username", user.username());
		json.put("display_name", user.username());
		json.put("pfp_url", user.pfpUrl());
		json.put("custody_address", user.custodyAddress());
		return json;
	}

	private static boolean knownPath(String path) {
		return switch (path) {
			case "/v2/farcaster/signer", "/v2/farcaster/signer/signed_key", "/v2/farcaster/user/bulk",
					"/v2/farcaster/user/custody-address", "/v2/farcaster/cast" ->
				true;
			default -> false;
		};
	}

	private static String errorCode(int status) {
		return switch (status) {
			case 400 -> "InvalidField";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 404 -> "NotFound";
			case 429 -> "RateLimitExceeded";
			default -> (status >= 500) ? "InternalServerError" : "Error";
		};
	}

	static String queryParameter(HttpExchange exchange, String name) {
		String raw = exchange.getRequestURI().getRawQuery();
		if (raw == null) {
			return null;
		}
		for (String pair : raw.split("&")) {
			int equals = pair.indexOf('=');
			String key = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			if (key.equals(name)) {
				return (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	private JsonNode readBody(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readNBytes(MAX_BODY + 1);
		}
		if (body.length > MAX_BODY) {
			throw new IllegalArgumentException("Body larger than " + MAX_BODY + " bytes");
		}
		JsonNode node = (body.length == 0) ? this.mapper.createObjectNode() : this.mapper.readTree(body);
		if (!node.isObject()) {
			throw new IllegalArgumentException("Body must be a JSON object");
		}
		return node;
	}

	private static String requiredText(JsonNode body, String field) {
		JsonNode node = body.path(field);
		if (!node.isString() || node.stringValue().isBlank()) {
			throw new IllegalArgumentException("'" + field + "' is required");
		}
		return node.stringValue();
	}

	private static String optionalText(JsonNode body, String field) {
		JsonNode node = body.path(field);
		if (node.isMissingNode() || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			throw new IllegalArgumentException("'" + field + "' must be a string");
		}
		return node.stringValue();
	}

	private static int requiredInt(JsonNode body, String field) {
		JsonNode node = body.path(field);
		if (!node.isIntegralNumber() || !node.canConvertToInt()) {
			throw new IllegalArgumentException("'" + field + "' must be an integer");
		}
		return node.intValue();
	}

	private static long requiredLong(JsonNode body, String field) {
		JsonNode node = body.path(field);
		if (!node.isIntegralNumber() || !node.canConvertToLong()) {
			throw new IllegalArgumentException("'" + field + "' must be an integer");
		}
		return node.longValue();
	}

	private void error(HttpExchange exchange, int status, String code, String message) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("code", code);
		body.put("message", message);
		sendJson(exchange, status, body);
	}

	private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
		send(exchange, status, this.mapper.writeValueAsBytes(body));
	}

	static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

}
