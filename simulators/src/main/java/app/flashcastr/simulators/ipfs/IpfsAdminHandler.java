package app.flashcastr.simulators.ipfs;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import app.flashcastr.simulators.http.AdminHandler;
import app.flashcastr.simulators.http.AdminRequests;
import app.flashcastr.simulators.http.FaultAdmin;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API of one IPFS API's port, under {@code /__admin/}: its fault switches and
 * counters, for scripts and for tests that do not embed the simulator. Documented in
 * simulators/README.md.
 */
final class IpfsAdminHandler {

	private final String api;

	private final IpfsFaults faults;

	private final PinLedger ledger;

	private final IpfsSimulator simulator;

	private IpfsAdminHandler(String api, IpfsFaults faults, PinLedger ledger, IpfsSimulator simulator) {
		this.api = api;
		this.faults = faults;
		this.ledger = ledger;
		this.simulator = simulator;
	}

	static HttpHandler create(String api, IpfsFaults faults, PinLedger ledger, IpfsSimulator simulator,
			JsonMapper mapper) {
		IpfsAdminHandler admin = new IpfsAdminHandler(api, faults, ledger, simulator);
		return new AdminHandler(mapper,
				(exchange, status, json) -> PinEndpointHandler.send(exchange, status, "application/json", json))
			.faults("/__admin/faults", new FaultAdmin(faults).healthy()
				.status()
				.rateLimit()
				.latency()
				.timeout()
				// The admin endpoint goes down with the API: the outage starts once its
				// answer is sent, and needs a duration to end by itself.
				.modeAfterAnswer("outage", (body) -> {
					if (!body.has("millis")) {
						throw new IllegalArgumentException(
								"outage needs 'millis': this admin endpoint goes down with the API and could not lift it");
					}
					Duration outage = IpfsFaults.checkHold(Duration.ofMillis(AdminRequests.requiredInt(body, "millis")),
							"millis");
					return new FaultAdmin.AfterAnswer(Map.of("mode", "outage", "millis", outage.toMillis()),
							() -> faults.outage(outage));
				}))
			.route("GET /__admin/state", (exchange) -> admin.state())
			.route("GET /__admin/pins", (exchange) -> admin.pins(exchange.getRequestURI().getRawQuery()));
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

}
