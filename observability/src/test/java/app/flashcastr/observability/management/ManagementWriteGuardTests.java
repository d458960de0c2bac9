package app.flashcastr.observability.management;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import app.flashcastr.observability.testservice.TestServiceApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test service with a writable actuator endpoint ({@code loggers}): scrapes stay
 * open, writes need {@code Authorization: Bearer <MANAGEMENT_TOKEN>}, on the service's
 * own port and on a separate management port alike.
 */
class ManagementWriteGuardTests {

	private static final String TOKEN = "test-management-token";

	private static final String LOGGER = "/actuator/loggers/app.flashcastr.probe";

	private static final String DEBUG = "{\"configuredLevel\":\"DEBUG\"}";

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void readsStayOpenAndWritesNeedTheToken() throws Exception {
		try (ConfigurableApplicationContext service = start("flashcastr.management.token=" + TOKEN)) {
			int port = port(service, "local.server.port");

			assertThat(send(port, "GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(200);
			assertThat(send(port, "GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);

			HttpResponse<String> missing = send(port, "POST", LOGGER, DEBUG, null);
			assertThat(missing.statusCode()).isEqualTo(401);
			assertThat(missing.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			assertThat(missing.body()).contains("\"error\":\"missing_token\"")
				.contains("Authorization: Bearer <MANAGEMENT_TOKEN>");
			assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");

			HttpResponse<String> wrong = send(port, "POST", LOGGER, DEBUG, "not-" + TOKEN);
			assertThat(wrong.statusCode()).isEqualTo(403);
			assertThat(wrong.body()).contains("\"error\":\"wrong_token\"").doesNotContain(TOKEN);
			assertThat(send(port, "DELETE", LOGGER, null, null).statusCode()).isEqualTo(401);
			assertThat(send(port, "GET", LOGGER, null, null).body()).doesNotContain("DEBUG");

			assertThat(send(port, "POST", LOGGER, DEBUG, TOKEN).statusCode()).isEqualTo(204);
			assertThat(send(port, "GET", LOGGER, null, null).body()).contains("\"configuredLevel\":\"DEBUG\"");

			String scrape = send(port, "GET", "/actuator/prometheus", null, null).body();
			assertThat(scrape).contains("test_svc_management_writes_refused_total{")
				.contains("reason=\"missing_token\"")
				.contains("reason=\"wrong_token\"");
		}
	}

	@Test
	void aSeparateManagementPortIsGuardedToo() throws Exception {
		try (ConfigurableApplicationContext service = start("flashcastr.management.token=" + TOKEN,
				"management.server.port=0")) {
			int management = port(service, "local.management.port");
			assertThat(management).isNotEqualTo(port(service, "local.server.port"));

			assertThat(send(management, "GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(200);
			assertThat(send(management, "POST", LOGGER, DEBUG, null).statusCode()).isEqualTo(401);
			assertThat(send(management, "POST", LOGGER, DEBUG, "wrong").statusCode()).isEqualTo(403);
			assertThat(send(management, "POST", LOGGER, DEBUG, TOKEN).statusCode()).isEqualTo(204);
		}
	}

	@Test
	void withoutAConfiguredTokenEveryWriteIsRefusedWithWhatToSet() throws Exception {
		try (ConfigurableApplicationContext service = start()) {
			int port = port(service, "local.server.port");

			HttpResponse<String> refused = send(port, "POST", LOGGER, DEBUG, "anything");
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(refused.body()).contains("\"error\":\"not_configured\"").contains("set MANAGEMENT_TOKEN");
			assertThat(send(port, "GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void theTokenIsComparedWhole() {
		ManagementToken token = ManagementToken.of(TOKEN);
		assertThat(token.matches(TOKEN)).isTrue();
		assertThat(token.matches(TOKEN.substring(1))).isFalse();
		assertThat(token.matches(TOKEN + "x")).isFalse();
		assertThat(token.matches("")).isFalse();
		assertThat(token).hasToString("ManagementToken[set]");
		assertThat(ManagementToken.of(" ").configured()).isFalse();
	}

	private static ConfigurableApplicationContext start(String... properties) {
		// As command-line arguments: above the observability defaults' endpoint exposure.
		String[] arguments = new String[properties.length + 3];
		arguments[0] = "--server.port=0";
		arguments[1] = "--management.endpoints.web.exposure.include=health,prometheus,loggers";
		arguments[2] = "--spring.main.banner-mode=off";
		for (int i = 0; i < properties.length; i++) {
			arguments[i + 3] = "--" + properties[i];
		}
		return new SpringApplicationBuilder(TestServiceApplication.class).run(arguments);
	}

	private static int port(ConfigurableApplicationContext context, String property) {
		return Integer.parseInt(context.getEnvironment().getRequiredProperty(property));
	}

	private static HttpResponse<String> send(int port, String method, String path, String body, String token)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
