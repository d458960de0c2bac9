package app.flashcastr.observability;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import app.flashcastr.observability.testservice.Scrapes;
import app.flashcastr.observability.testservice.TestService;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Probe groups: readiness follows the service's dependencies that exist ({@code db} here,
 * not {@code rabbit}), liveness only the process's own state.
 */
@TestService
class HealthProbesTests {

	@LocalServerPort
	int port;

	@Test
	void readinessIncludesExistingDependencies() {
		HttpResponse<String> readiness = Scrapes.get(this.port, "/actuator/health/readiness", null);

		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"readinessState\"").contains("\"db\"").doesNotContain("rabbit");
	}

	@Test
	void livenessIsTheProcessOnly() {
		HttpResponse<String> liveness = Scrapes.get(this.port, "/actuator/health/liveness", null);

		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).contains("\"livenessState\"").doesNotContain("\"db\"");
	}

	@Test
	void onlyTheAgreedEndpointsAreExposed() {
		assertThat(Scrapes.get(this.port, "/actuator/health", null).statusCode()).isEqualTo(200);
		assertThat(Scrapes.get(this.port, "/actuator/info", null).statusCode()).isEqualTo(200);
		assertThat(Scrapes.get(this.port, "/actuator/metrics", null).statusCode()).isEqualTo(200);
		assertThat(Scrapes.get(this.port, "/actuator/env", null).statusCode()).isEqualTo(404);
	}

}
