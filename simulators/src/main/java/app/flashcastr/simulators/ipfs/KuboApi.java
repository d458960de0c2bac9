package app.flashcastr.simulators.ipfs;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Kubo node's RPC {@code POST /api/v0/add?pin=true&cid-version=0}: multipart part
 * {@code file}, no auth, answered with {@code {"Name","Hash","Size"}} ({@code Size} a
 * string). Errors are {@code {"Message","Code","Type":"error"}}.
 */
final class KuboApi implements PinApi {

	static final String PIN_PATH = "/api/v0/add";

	private final PinLedger ledger;

	private final JsonMapper mapper;

	KuboApi(PinLedger ledger, JsonMapper mapper) {
		this.ledger = ledger;
		this.mapper = mapper;
	}

	@Override
	public String name() {
		return "kubo";
	}

	@Override
	public String pinPath() {
		return PIN_PATH;
	}

	@Override
	public void pin(HttpExchange exchange) throws IOException {
		Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
		String cidVersion = query.getOrDefault("cid-version", "0");
		if (!cidVersion.equals("0")) {
			error(exchange, 400, "the simulator only makes CIDv0: cid-version must be 0");
			return;
		}
		boolean pin = !query.getOrDefault("pin", "true").equals("false");
		byte[] body = PinEndpointHandler.readBody(exchange);
		if (body == null) {
			error(exchange, 413, "request body larger than " + PinEndpointHandler.MAX_BODY + " bytes");
			return;
		}
		Multipart.Part file;
		try {
			file = Multipart.parse(exchange.getRequestHeaders().getFirst("Content-Type"), body)
				.part("file")
				.orElseThrow(() -> new IllegalArgumentException("file argument 'path' is required"));
		}
		catch (IllegalArgumentException ex) {
			error(exchange, 400, ex.getMessage());
			return;
		}
		String cid = Cid.v0(file.body(), file.offset(), file.length());
		if (pin) {
			this.ledger.pinned(cid);
		}
		ObjectNode response = this.mapper.createObjectNode();
		response.put("Name", (file.fileName() != null) ? file.fileName() : cid);
		response.put("Hash", cid);
		response.put("Size", Integer.toString(file.length()));
		PinEndpointHandler.send(exchange, 200, "application/json", this.mapper.writeValueAsBytes(response));
	}

	@Override
	public void error(HttpExchange exchange, int status, String message) throws IOException {
		ObjectNode error = this.mapper.createObjectNode();
		error.put("Message", message);
		error.put("Code", (status >= 500) ? 0 : 1);
		error.put("Type", "error");
		PinEndpointHandler.send(exchange, status, "application/json", this.mapper.writeValueAsBytes(error));
	}

	private static Map<String, String> query(String rawQuery) {
		Map<String, String> parameters = new HashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return parameters;
		}
		for (String pair : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			String key = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			parameters.put(URLDecoder.decode(key, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return parameters;
	}

}
