package app.flashcastr.simulators.neynar;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import app.flashcastr.simulators.http.AdminRequests;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API under {@code /__admin/}: fault switches, users and app accounts, signer
 * approval and revocation, cast counters; for scripts and tests that do not embed the
 * simulator. Documented in simulators/README.md. Needs no API key.
 */
final class NeynarAdminHandler implements HttpHandler {

	private final NeynarSimulator simulator;

	private final NeynarLedger ledger;

	private final JsonMapper mapper;

	NeynarAdminHandler(NeynarSimulator simulator, NeynarLedger ledger, JsonMapper mapper) {
		this.simulator = simulator;
		this.ledger = ledger;
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
				case "GET /__admin/state" -> sendJson(exchange, 200, state());
				case "POST /__admin/users" -> {
					JsonNode body = AdminRequests.readObject(exchange, this.mapper);
					String pfp = body.path("pfp_url").isString() ? body.get("pfp_url").stringValue() : null;
					NeynarLedger.User user = this.ledger.registerUser(AdminRequests.requiredInt(body, "fid"),
							body.path("username").asString(""), pfp);
					sendJson(exchange, 200, NeynarHttpHandler.userJson(user));
				}
				case "POST /__admin/apps" -> {
					JsonNode body = AdminRequests.readObject(exchange, this.mapper);
					int fid = AdminRequests.requiredInt(body, "fid");
					this.ledger.registerApp(fid, body.path("custody_address").asString(""));
					sendJson(exchange, 200, NeynarHttpHandler.userJson(this.ledger.user(fid).orElseThrow()));
				}
				case "POST /__admin/approval" -> {
					JsonNode body = AdminRequests.readObject(exchange, this.mapper);
					if (body.has("approveAfterLookups")) {
						this.ledger.approveAfterLookups(AdminRequests.requiredInt(body, "approveAfterLookups"));
					}
					if (body.has("approvedFid")) {
						this.ledger.approvedFid(AdminRequests.requiredInt(body, "approvedFid"));
					}
					sendJson(exchange, 200, approval());
				}
				case "POST /__admin/revoke" -> {
					String uuid = AdminRequests.readObject(exchange, this.mapper).path("signer_uuid").asString("");
					this.ledger.revoke(uuid);
					sendJson(exchange, 200, Map.of("signer_uuid", uuid, "status", "revoked"));
				}
				case "GET /__admin/casts" -> {
					String idem = NeynarHttpHandler.queryParameter(exchange, "idem");
					if (idem == null || idem.isBlank()) {
						sendJson(exchange, 200, Map.of("totalCasts", this.simulator.totalCasts()));
					}
					else {
						sendJson(exchange, 200, Map.of("idem", idem, "accepted", this.simulator.castsFor(idem)));
					}
				}
				default -> sendJson(exchange, 404, Map.of("error", "No admin route " + route));
			}
		}
		catch (IllegalArgumentException | JacksonException ex) {
			sendJson(exchange, 400, Map.of("error", String.valueOf(ex.getMessage())));
		}
	}

	private void setFault(JsonNode body) {
		NeynarFaults faults = this.simulator.faults();
		String mode = body.path("mode").asString("");
		switch (mode) {
			case "healthy" -> faults.reset();
			case "status" -> AdminRequests.failWithStatus(body, faults);
			case "rate_limit" -> AdminRequests.rateLimit(body, faults::rateLimit, faults::rateLimit);
			case "latency" -> AdminRequests.latency(body, faults);
			default -> throw new IllegalArgumentException(
					"Unknown mode '" + mode + "'; expected healthy, status, rate_limit or latency");
		}
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

	private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
		NeynarHttpHandler.send(exchange, status, this.mapper.writeValueAsBytes(body));
	}

}
