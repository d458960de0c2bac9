package app.flashcastr.simulators.http;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FaultAdminTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final FaultSwitch faults = new FaultSwitch("Test") {
	};

	@Test
	void sharedModesSetTheSwitch() {
		FaultAdmin admin = new FaultAdmin(this.faults).healthy().status().rateLimit().latency().timeout();

		assertThat(admin.set(body("{\"mode\":\"status\",\"status\":503,\"count\":2}"))).isNull();
		assertThat(this.faults.describe()).isEqualTo(Map.of("mode", "status", "status", 503, "remaining", 2));
		admin.set(body("{\"mode\":\"rate_limit\"}"));
		assertThat(this.faults.describe()).isEqualTo(Map.of("mode", "rate_limit", "retryAfterSeconds", 1L));
		admin.set(body("{\"mode\":\"timeout\"}"));
		assertThat(this.faults.mode()).isEqualTo("timeout");
		admin.set(body("{\"mode\":\"healthy\"}"));
		assertThat(this.faults.mode()).isEqualTo("healthy");
	}

	@Test
	void anUnknownOrUnofferedModeNamesTheOffersInOrder() {
		FaultAdmin admin = new FaultAdmin(this.faults).healthy().status().latency();

		assertThatIllegalArgumentException().isThrownBy(() -> admin.set(body("{\"mode\":\"timeout\"}")))
			.withMessage("Unknown mode 'timeout'; expected healthy, status or latency");
		assertThatIllegalArgumentException().isThrownBy(() -> admin.set(body("{}")))
			.withMessage("Unknown mode ''; expected healthy, status or latency");
	}

	@Test
	void aModeAfterAnswerSwitchesOnlyWhenRun() {
		FaultAdmin admin = new FaultAdmin(this.faults).modeAfterAnswer("later",
				(body) -> new FaultAdmin.AfterAnswer(Map.of("mode", "later"), this.faults::hang));

		FaultAdmin.AfterAnswer after = admin.set(body("{\"mode\":\"later\"}"));

		assertThat(this.faults.mode()).isEqualTo("healthy");
		after.switchOn().run();
		assertThat(this.faults.mode()).isEqualTo("timeout");
	}

	private JsonNode body(String json) {
		return this.mapper.readTree(json);
	}

}
