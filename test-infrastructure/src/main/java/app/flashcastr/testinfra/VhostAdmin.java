package app.flashcastr.testinfra;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and deletes test vhosts through the RabbitMQ management HTTP API, or
 * {@code rabbitmqctl} inside the Testcontainers broker when the API does not answer.
 */
final class VhostAdmin {

	private static final Logger logger = LoggerFactory.getLogger(VhostAdmin.class);

	private static final Duration ABANDONED_AFTER = Duration.ofHours(6);

	private static final Pattern VHOST_NAME = Pattern
		.compile("\"name\"\\s*:\\s*\"(" + Pattern.quote(TestNames.PREFIX) + "[0-9a-z_]+)\"");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final AtomicBoolean sharedVhostWarned = new AtomicBoolean();

	private VhostAdmin() {
	}

	static IsolatedVhost create(RabbitEndpoint broker) {
		String name = TestNames.next(Instant.now());
		String problem = createWithManagementApi(broker, name);
		if (problem == null) {
			Leftovers.register(key(name), () -> deleteWithManagementApi(broker, name));
			logger.debug("Created test vhost {} on {}", name, broker);
			return vhost(broker, name);
		}
		if (broker.origin() == InfrastructureOrigin.TESTCONTAINERS) {
			Containers.rabbitmqctl("add_vhost", name);
			Containers.rabbitmqctl("set_permissions", "-p", name, broker.username(), ".*", ".*", ".*");
			Leftovers.register(key(name), () -> Containers.rabbitmqctl("delete_vhost", name));
			logger.debug("Created test vhost {} with rabbitmqctl ({})", name, problem);
			return vhost(broker, name);
		}
		if (sharedVhostWarned.compareAndSet(false, true)) {
			logger.warn("RabbitMQ management API at {} is not usable ({}); tests share vhost '{}' instead of one each",
					broker.managementUrl(), problem, broker.defaultVhost());
		}
		return vhost(broker, broker.defaultVhost());
	}

	static void release(IsolatedVhost vhost) {
		Leftovers.remove(key(vhost.name()));
	}

	static boolean isPending(IsolatedVhost vhost) {
		return Leftovers.isPending(key(vhost.name()));
	}

	/** Deletes test vhosts that a killed JVM left behind (best effort, once per JVM). */
	static void deleteAbandoned(RabbitEndpoint broker) {
		HttpResponse<String> response;
		try {
			response = http.send(request(broker, "/api/vhosts").GET().build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			return;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		if (response.statusCode() != 200) {
			return;
		}
		Instant now = Instant.now();
		Matcher names = VHOST_NAME.matcher(response.body());
		while (names.find()) {
			String name = names.group(1);
			if (TestNames.isAbandoned(name, now, ABANDONED_AFTER)) {
				deleteWithManagementApi(broker, name);
				logger.info("Deleted abandoned test vhost {}", name);
			}
		}
	}

	/** Returns why the vhost could not be created, or {@code null} on success. */
	private static String createWithManagementApi(RabbitEndpoint broker, String name) {
		try {
			HttpResponse<String> created = http
				.send(request(broker, "/api/vhosts/" + encode(name)).PUT(HttpRequest.BodyPublishers.ofString("{}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (created.statusCode() / 100 != 2) {
				return "PUT /api/vhosts answered " + created.statusCode();
			}
			HttpResponse<String> permitted = http
				.send(request(broker, "/api/permissions/" + encode(name) + "/" + encode(broker.username()))
					.PUT(HttpRequest.BodyPublishers.ofString("{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (permitted.statusCode() / 100 != 2) {
				deleteWithManagementApi(broker, name);
				return "PUT /api/permissions answered " + permitted.statusCode();
			}
			return null;
		}
		catch (IOException ex) {
			return ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	private static void deleteWithManagementApi(RabbitEndpoint broker, String name) {
		try {
			HttpResponse<Void> response = http.send(request(broker, "/api/vhosts/" + encode(name)).DELETE().build(),
					HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
				throw new IllegalStateException("DELETE /api/vhosts/" + name + " answered " + response.statusCode());
			}
			logger.debug("Deleted test vhost {}", name);
		}
		catch (IOException ex) {
			throw new IllegalStateException("DELETE /api/vhosts/" + name + " failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static HttpRequest.Builder request(RabbitEndpoint broker, String path) {
		String credentials = broker.username() + ":" + broker.password();
		return HttpRequest.newBuilder(URI.create(broker.managementUrl() + path))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json");
	}

	private static IsolatedVhost vhost(RabbitEndpoint broker, String name) {
		return new IsolatedVhost(name, broker.host(), broker.port(), broker.username(), broker.password(),
				broker.managementPort());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String key(String name) {
		return "vhost " + name;
	}

}
