package app.flashcastr.simulators.neynar;

import java.util.LinkedHashMap;
import java.util.Map;

import app.flashcastr.simulators.http.AdminHandler;
import app.flashcastr.simulators.http.AdminRequests;
import app.flashcastr.simulators.http.FaultAdmin;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API under {@code /__admin/}: fault switches, users and app accounts, signer
 * approval and revocation, cast counters; for scripts and tests that do not embed the
 * simulator. Documented in simulators/README.md. Needs no API key.
 */
final class NeynarAdminHandler {

	private final NeynarSimulator simulator;

	private final NeynarLedger ledger;

	private NeynarAdminHandler(NeynarSimulator simulator, NeynarLedger ledger) {
		this.simulator = simulator;
		this.ledger = ledger;
	}

	static HttpHandler create(NeynarSimulator simulator, NeynarLedger ledger, JsonMapper mapper) {
		NeynarAdminHandler admin = new NeynarAdminHandler(simulator, ledger);
		return new AdminHandler(mapper, NeynarHttpHandler::send)
			.faults("/__admin/faults", new FaultAdmin(simulator.faults()).healthy().status().rateLimit().latency())
			.route("GET /__admin/state", (exchange) -> admin.state())
			.route("POST /__admin/users", (exchange) -> {
				JsonNode body = AdminRequests.readObject(exchange, mapper);
				String pfp = body.path("pfp_url").isString() ? body.get("pfp_url").stringValue() : null;
				NeynarLedger.User user = ledger.registerUser(AdminRequests.requiredInt(body, "fid"),
						body.path("username").asString(""), pfp);
				return NeynarHttpHandler.userJson(user);
			})
			.route("POST /__admin/apps", (exchange) -> {
				JsonNode body = AdminRequests.readObject(exchange, mapper);
				int fid = AdminRequests.requiredInt(body, "fid");
				ledger.registerApp(fid, body.path("custody_address").asString(""));
				return NeynarHttpHandler.userJson(ledger.user(fid).orElseThrow());
			})
			.route("POST /__admin/approval", (exchange) -> {
				JsonNode body = AdminRequests.readObject(exchange, mapper);
				if (body.has("approveAfterLookups")) {
					ledger.approveAfterLookups(AdminRequests.requiredInt(body, "approveAfterLookups"));
				}
				if (body.has("approvedFid")) {
					ledger.approvedFid(AdminRequests.requiredInt(body, "approvedFid"));
				}
				return admin.approval();
			})
			.route("POST /__admin/revoke", (exchange) -> {
				String uuid = AdminRequests.readObject(exchange, mapper).path("signer_uuid").asString("");
				ledger.revoke(uuid);
				return Map.of("signer_uuid", uuid, "status", "revoked");
			})
			.route("GET /__admin/casts", (exchange) -> {
				String idem = NeynarHttpHandler.queryParameter(exchange, "idem");
				if (idem == null || idem.isBlank()) {
					return Map.of("totalCasts", simulator.totalCasts());
				}
				return Map.of("idem", idem, "accepted", simulator.castsFor(idem));
			});
	}

	private Map<String, Object> state() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("requests", this.ledger.requests());
		state.put("signers", this.ledger.signersByStatus());
		state.put("totalCasts", this.simulator.totalCasts());
		state.putAll(approval());
		state.put("fault", this.simulator.faults().describe());
		return state;
	}

	private Map<String, Object> approval() {
		Map<String, Object> approval = new LinkedHashMap<>();
		approval.put("approveAfterLookups", this.ledger.approveAfterLookups());
		approval.put("approvedFid", this.ledger.approvedFid());
		return approval;
	}

}
