package app.flashcastr.simulators.ipfs;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pinata's {@code POST /pinning/pinFileToIPFS}: {@code Authorization: Bearer <jwt>},
 * multipart part {@code file} plus optional {@code pinataMetadata} and
 * {@code pinataOptions} (JSON), answered with
 * {@code {"IpfsHash","PinSize","Timestamp","isDuplicate"}}. Errors are
 * {@code {"error":{"reason","details"}}}.
 */
final class PinataApi implements PinApi {

	static final String PIN_PATH = "/pinning/pinFileToIPFS";

	private final String expectedAuthorization;

	private final PinLedger ledger;

	private final JsonMapper mapper;

	private final Clock clock;

	PinataApi(String jwt, PinLedger ledger, JsonMapper mapper, Clock clock) {
		this.expectedAuthorization = "Bearer " + jwt;
		this.ledger = ledger;
		this.mapper = mapper;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "pinata";
	}

	@Override
	public String pinPath() {
		return PIN_PATH;
	}

	@Override
	public void pin(HttpExchange exchange) throws IOException {
		if (!this.expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			send(exchange, 401, "INVALID_CREDENTIALS", "Invalid/expired credentials");
			return;
		}
		byte[] body = PinEndpointHandler.readBody(exchange);
		if (body == null) {
			send(exchange, 413, "PAYLOAD_TOO_LARGE", "File larger than " + PinEndpointHandler.MAX_BODY + " bytes");
			return;
		}
		Multipart.Part file;
		try {
			Multipart multipart = Multipart.parse(exchange.getRequestHeaders().getFirst("Content-Type"), body);
			file = multipart.part("file")
				.orElseThrow(() -> new IllegalArgumentException("Unexpected field or no file: part 'file' missing"));
			checkJson(multipart.part("pinataMetadata"), "pinataMetadata");
			checkOptions(multipart.part("pinataOptions"));
		}
		catch (IllegalArgumentException ex) {
			send(exchange, 400, "INVALID_REQUEST", ex.getMessage());
			return;
		}
		String cid = Cid.v0(file.body(), file.offset(), file.length());
		boolean duplicate = this.ledger.pinned(cid);
		ObjectNode response = this.mapper.createObjectNode();
		response.put("IpfsHash", cid);
		response.put("PinSize", file.length());
		response.put("Timestamp", Instant.now(this.clock).truncatedTo(ChronoUnit.MILLIS).toString());
		response.put("isDuplicate", duplicate);
		PinEndpointHandler.send(exchange, 200, "application/json; charset=utf-8",
				this.mapper.writeValueAsBytes(response));
	}

	@Override
	public void error(HttpExchange exchange, int status, String message) throws IOException {
		String reason = switch (status) {
			case 401 -> "INVALID_CREDENTIALS";
			case 403 -> "FORBIDDEN";
			case 404 -> "NOT_FOUND";
			case 405 -> "METHOD_NOT_ALLOWED";
			case 413 -> "PAYLOAD_TOO_LARGE";
			case 429 -> "RATE_LIMITED";
			default -> (status >= 500) ? "INTERNAL_SERVER_ERROR" : "INVALID_REQUEST";
		};
		send(exchange, status, reason, message);
	}

	private void send(HttpExchange exchange, int status, String reason, String details) throws IOException {
		ObjectNode error = this.mapper.createObjectNode();
		error.putObject("error").put("reason", reason).put("details", details);
		PinEndpointHandler.send(exchange, status, "application/json; charset=utf-8",
				this.mapper.writeValueAsBytes(error));
	}

	private JsonNode checkJson(Optional<Multipart.Part> part, String name) {
		if (part.isEmpty()) {
			return null;
		}
		try {
			JsonNode node = this.mapper.readTree(part.get().text());
			if (node == null || !node.isObject()) {
				throw new IllegalArgumentException(name + " must be a JSON object");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(name + " is not valid JSON");
		}
	}

	private void checkOptions(Optional<Multipart.Part> part) {
		JsonNode options = checkJson(part, "pinataOptions");
		if (options != null && options.has("cidVersion") && options.get("cidVersion").asInt(-1) != 0) {
			throw new IllegalArgumentException("the simulator only makes CIDv0: cidVersion must be 0");
		}
	}

}
