package app.flashcastr.simulators.feed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.flashcastr.simulators.http.AdminHandler;
import app.flashcastr.simulators.http.AdminRequests;
import app.flashcastr.simulators.http.FaultAdmin;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin API under {@code /__admin/}: feed and image fault switches, emitting flashes
 * and counters, for scripts and for tests that do not embed the simulator. Documented in
 * simulators/README.md.
 */
final class FeedAdminHandler {

	private static final int MAX_EMIT = 10_000;

	private final FeedSimulator simulator;

	private final FeedWireFormat wireFormat;

	private final JsonMapper mapper;

	private FeedAdminHandler(FeedSimulator simulator, FeedWireFormat wireFormat, JsonMapper mapper) {
		this.simulator = simulator;
		this.wireFormat = wireFormat;
		this.mapper = mapper;
	}

	static HttpHandler create(FeedSimulator simulator, FeedWireFormat wireFormat, JsonMapper mapper) {
		FeedAdminHandler admin = new FeedAdminHandler(simulator, wireFormat, mapper);
		FeedFaults faults = simulator.faults();
		ImageFaults imageFaults = simulator.imageFaults();
		return new AdminHandler(mapper,
				(exchange, status, json) -> FeedHttpHandler.send(exchange, status, "application/json", json))
			.faults("/__admin/faults", new FaultAdmin(faults).healthy().mode("status", (body) -> {
				if (AdminRequests.requiredInt(body, "status") / 100 == 3) {
					redirect(body, faults);
				}
				else {
					AdminRequests.failWithStatus(body, faults);
				}
			})
				.mode("redirect", (body) -> redirect(body, faults))
				.rateLimit()
				.latency()
				.timeout()
				.mode("malformed", (body) -> faults.malformedJson())
				.mode("empty", (body) -> faults.emptyLists())
				.mode("invalid_rows", (body) -> faults.invalidRows(AdminRequests.optionalInt(body, "count", 5))))
			.faults("/__admin/image-faults",
					new FaultAdmin(imageFaults).healthy()
						.status()
						.latency()
						.mode("not_an_image", (body) -> imageFaults.notAnImage())
						.mode("oversized", (body) -> {
							int bytes = AdminRequests.requiredInt(body, "bytes");
							if (body.has("chunked") && AdminRequests.requiredBoolean(body, "chunked")) {
								imageFaults.oversizedChunked(bytes);
							}
							else {
								imageFaults.oversized(bytes);
							}
						}))
			.route("POST /__admin/flashes", (exchange) -> admin.emitFlashes(AdminRequests.readObject(exchange, mapper)))
			.route("GET /__admin/state", (exchange) -> admin.state());
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

	private ObjectNode emitFlashes(JsonNode body) {
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
		return response;
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

}
