package app.flashcastr.simulators.feed;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.flashcastr.simulators.http.AdminRequests;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin API under {@code /__admin/}: feed and image fault switches, emitting flashes
 * and counters, for scripts and for tests that do not embed the simulator. Documented in
 * simulators/README.md.
 */
final class FeedAdminHandler implements HttpHandler {

	private static final int MAX_EMIT = 10_000;

	private final FeedSimulator simulator;

	private final FeedWireFormat wireFormat;

	private final JsonMapper mapper;

	FeedAdminHandler(FeedSimulator simulator, FeedWireFormat wireFormat, JsonMapper mapper) {
		this.simulator = simulator;
		this.wireFormat = wireFormat;
		this.mapper = mapper;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
		try {
			switch (route) {
				case "GET /__admin/faults" -> sendJson(exchange, 200, this.simulator.faults().describe());
				case "POST /__admin/faults" -> {
					setFault(AdminRequests.readObject(exchange, this.mapper));
					sendJson(exchange, 200, this.simulator.faults().describe());
				}
				case "DELETE /__admin/faults" -> {
					this.simulator.faults().reset();
					sendJson(exchange, 200, this.simulator.faults().describe());
				}
				case "GET /__admin/image-faults" -> sendJson(exchange, 200, this.simulator.imageFaults().describe());
				case "POST /__admin/image-faults" -> {
					setImageFault(AdminRequests.readObject(exchange, this.mapper));
					sendJson(exchange, 200, this.simulator.imageFaults().describe());
				}
				case "DELETE /__admin/image-faults" -> {
					this.simulator.imageFaults().reset();
					sendJson(exchange, 200, this.simulator.imageFaults().describe());
				}
				case "POST /__admin/flashes" -> emitFlashes(exchange, AdminRequests.readObject(exchange, this.mapper));
				case "GET /__admin/state" -> sendJson(exchange, 200, state());
				default -> sendJson(exchange, 404, Map.of("error", "No admin route " + route));
			}
		}
		catch (IllegalArgumentException | JacksonException ex) {
			sendJson(exchange, 400, Map.of("error", String.valueOf(ex.getMessage())));
		}
	}

	private void setFault(JsonNode body) {
		FeedFaults faults = this.simulator.faults();
		String mode = body.path("mode").asString("");
		switch (mode) {
			case "healthy" -> faults.reset();
			case "status" -> {
				if (AdminRequests.requiredInt(body, "status") / 100 == 3) {
					redirect(body, faults);
				}
				else {
					AdminRequests.failWithStatus(body, faults);
				}
			}
			case "redirect" -> redirect(body, faults);
			case "rate_limit" -> AdminRequests.rateLimit(body, faults::rateLimit, faults::rateLimit);
			case "latency" -> AdminRequests.latency(body, faults);
			case "timeout" -> faults.hang();
			case "malformed" -> faults.malformedJson();
			case "empty" -> faults.emptyLists();
			case "invalid_rows" -> faults.invalidRows(AdminRequests.optionalInt(body, "count", 5));
			default -> throw new IllegalArgumentException("Unknown mode '" + mode
					+ "'; expected healthy, status, redirect, rate_limit, latency, timeout, malformed, empty or invalid_rows");
		}
	}

	/**
	 * Mode {@code redirect} (or {@code status} with a 3xx): {@code status} (default 301),
	 * {@code location} and, for a limited fault, {@code count}.
	 */
	private static void redirect(JsonNode body, FeedFaults faults) {
		int status = AdminRequests.optionalInt(body, "status", 301);
		if (!body.has("location")) {
			throw new IllegalArgumentException("a redirect needs 'location' (the Location header)");
		}
		String location = AdminRequests.requiredString(body, "location");
		if (body.has("count")) {
			faults.redirect(status, location, AdminRequests.requiredInt(body, "count"));
		}
		else {
			faults.redirect(status, location);
		}
	}

	private void setImageFault(JsonNode body) {
		ImageFaults faults = this.simulator.imageFaults();
		String mode = body.path("mode").asString("");
		switch (mode) {
			case "healthy" -> faults.reset();
			case "status" -> AdminRequests.failWithStatus(body, faults);
			case "latency" -> AdminRequests.latency(body, faults);
			case "not_an_image" -> faults.notAnImage();
			case "oversized" -> {
				int bytes = AdminRequests.requiredInt(body, "bytes");
				if (body.has("chunked") && AdminRequests.requiredBoolean(body, "chunked")) {
					faults.oversizedChunked(bytes);
				}
				else {
					faults.oversized(bytes);
				}
			}
			default -> throw new IllegalArgumentException(
					"Unknown mode '" + mode + "'; expected healthy, status, latency, not_an_image or oversized");
		}
	}

	private void emitFlashes(HttpExchange exchange, JsonNode body) throws IOException {
		List<SimulatedFlash> flashes;
		if (body.has("player")) {
			String player = AdminRequests.requiredString(body, "player");
			boolean paris = body.has("paris") ? AdminRequests.requiredBoolean(body, "paris")
					: FlashNames.PARIS.equalsIgnoreCase(body.path("city").asString(""));
			String city = body.has("city") ? AdminRequests.requiredString(body, "city")
					: (paris ? FlashNames.PARIS : "Tokyo");
			flashes = List.of(this.simulator.emitFlash(player, city, paris));
		}
		else {
			int count = AdminRequests.optionalInt(body, "count", 1);
			if (count < 1 || count > MAX_EMIT) {
				throw new IllegalArgumentException("count must be within 1.." + MAX_EMIT + ", got " + count);
			}
			flashes = this.simulator.emitFlashes(count);
		}
		ObjectNode response = this.mapper.createObjectNode();
		response.put("flash_count", Long.toString(this.simulator.flashCount()));
		response.set("flashes", this.wireFormat.flashes(flashes));
		FeedHttpHandler.send(exchange, 200, "application/json", this.mapper.writeValueAsBytes(response));
	}

	private Map<String, Object> state() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("feedRequests", this.simulator.feedRequests());
		state.put("redirects", this.simulator.redirects());
		state.put("imageRequests", this.simulator.imageRequests());
		state.put("initialFlashes", this.simulator.initialFlashes());
		state.put("flashesEmitted", this.simulator.flashesEmitted());
		state.put("flashCount", Long.toString(this.simulator.flashCount()));
		state.put("windowSize", this.simulator.windowSize());
		state.put("fault", this.simulator.faults().describe());
		state.put("imageFault", this.simulator.imageFaults().describe());
		return state;
	}

	private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
		FeedHttpHandler.send(exchange, status, "application/json", this.mapper.writeValueAsBytes(body));
	}

}
