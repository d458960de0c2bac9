package app.flashcastr.simulators.ipfs;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import app.flashcastr.simulators.http.AdminRequests;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API of one IPFS API's port, under {@code /__admin/}: its fault switches and
 * counters, for scripts and for tests that do not embed the simulator. Documented in
 * simulators/README.md.
 */
final class IpfsAdminHandler implements HttpHandler {

	private final String api;

	private final IpfsFaults faults;

	private final PinLedger ledger;

	private final IpfsSimulator simulator;

	private final JsonMapper mapper;

	IpfsAdminHandler(String api, IpfsFaults faults, PinLedger ledger, IpfsSimulator simulator, JsonMapper mapper) {
		this.api = api;
		this.faults = faults;
		this.ledger = ledger;
		this.simulator = simulator;
		this.mapper = mapper;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
		try {
			switch (route) {
				case "GET /__admin/faults" -> sendJson(exchange, 200, this.faults.describe());
				case "POST /__admin/faults" -> {
					Duration outage = setFault(AdminRequests.readObject(exchange, this.mapper));
					if (outage != null) {
						// Answer before the socket closes, or this answer would be lost.
						sendJson(exchange, 200, Map.of("mode", "outage", "millis", outage.toMillis()));
						exchange.close();
						this.faults.outage(outage);
					}
					else {
						sendJson(exchange, 200, this.faults.describe());
					}
				}
				case "DELETE /__admin/faults" -> {
					this.faults.reset();
					sendJson(exchange, 200, this.faults.describe());
				}
				case "GET /__admin/state" -> sendJson(exchange, 200, state());
				case "GET /__admin/pins" -> sendJson(exchange, 200, pins(exchange.getRequestURI().getRawQuery()));
				default -> sendJson(exchange, 404, Map.of("error", "No admin route " + route));
			}
		}
		catch (IllegalArgumentException | JacksonException ex) {
			sendJson(exchange, 400, Map.of("error", String.valueOf(ex.getMessage())));
		}
	}

	/**
	 * Switches the fault, except an outage, whose duration is returned so that it starts
	 * once the answer is sent.
	 */
	private Duration setFault(JsonNode body) {
		String mode = body.path("mode").asString("");
		switch (mode) {
			case "healthy" -> this.faults.reset();
			case "status" -> AdminRequests.failWithStatus(body, this.faults);
			case "rate_limit" -> AdminRequests.rateLimit(body, this.faults::rateLimit, this.faults::rateLimit);
			case "latency" -> AdminRequests.latency(body, this.faults);
			case "timeout" -> this.faults.hang();
			case "outage" -> {
				if (!body.has("millis")) {
					throw new IllegalArgumentException(
							"outage needs 'millis': this admin endpoint goes down with the API and could not lift it");
				}
				return IpfsFaults.checkHold(Duration.ofMillis(AdminRequests.requiredInt(body, "millis")), "millis");
			}
			default -> throw new IllegalArgumentException(
					"Unknown mode '" + mode + "'; expected healthy, status, rate_limit, latency, timeout or outage");
		}
		return null;
	}

	private Map<String, Object> state() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("api", this.api);
		state.put("pinRequests", this.ledger.requests());
		state.put("successfulPins", this.ledger.successes());
		state.put("distinctCids", this.ledger.distinctCids());
		state.put("fault", this.faults.describe());
		Map<String, Object> both = new LinkedHashMap<>();
		both.put("pinRequests", this.simulator.pinRequests());
		both.put("successfulPins", this.simulator.successfulPins());
		state.put("bothApis", both);
		return state;
	}

	private Map<String, Object> pins(String rawQuery) {
		String cid = null;
		if (rawQuery != null) {
			for (String pair : rawQuery.split("&")) {
				if (pair.startsWith("cid=")) {
					cid = URLDecoder.decode(pair.substring(4), StandardCharsets.UTF_8);
				}
			}
		}
		if (cid == null || cid.isBlank()) {
			throw new IllegalArgumentException("give the CID: /__admin/pins?cid=Qm...");
		}
		Map<String, Object> pins = new LinkedHashMap<>();
		pins.put("cid", cid);
		pins.put("pins", this.ledger.pinsOf(cid));
		pins.put("pinsBothApis", this.simulator.pinsOf(cid));
		return pins;
	}

	private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
		PinEndpointHandler.send(exchange, status, "application/json", this.mapper.writeValueAsBytes(body));
	}

}
