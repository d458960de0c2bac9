package app.flashcastr.testinfra;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads {@code TEST_DATABASE_URL} and {@code TEST_RABBITMQ_URL} (plus the optional
 * {@code TEST_RABBITMQ_MANAGEMENT_PORT}) into endpoints.
 */
final class EnvironmentUrls {

	static final String DATABASE_URL = "TEST_DATABASE_URL";

	static final String RABBITMQ_URL = "TEST_RABBITMQ_URL";

	static final String RABBITMQ_MANAGEMENT_PORT = "TEST_RABBITMQ_MANAGEMENT_PORT";

	private EnvironmentUrls() {
	}

	/**
	 * Parses {@code jdbc:postgresql://host[:port]/db?user=..&password=..} or
	 * {@code postgresql://user[:pass]@host[:port]/db}; the database named becomes the
	 * admin database.
	 */
	static PostgresEndpoint postgres(String url) {
		String withoutJdbc = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
		URI uri = parse(withoutJdbc, DATABASE_URL);
		if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
			throw new InfrastructureUnavailableException(
					DATABASE_URL + " must start with jdbc:postgresql:// or postgresql://");
		}
		Map<String, String> query = query(uri.getRawQuery());
		String[] userInfo = userInfo(uri.getRawUserInfo());
		String username = query.getOrDefault("user", (userInfo[0] != null) ? userInfo[0] : "postgres");
		String password = query.getOrDefault("password", (userInfo[1] != null) ? userInfo[1] : "");
		String path = (uri.getPath() != null) ? uri.getPath().replaceFirst("^/", "") : "";
		return new PostgresEndpoint(host(uri, DATABASE_URL), (uri.getPort() > 0) ? uri.getPort() : 5432, username,
				password, path.isEmpty() ? "postgres" : path, InfrastructureOrigin.ENVIRONMENT);
	}

	/** Parses {@code amqp://user:pass@host[:port][/vhost]}. */
	static RabbitEndpoint rabbit(String url, String managementPort) {
		URI uri = parse(url, RABBITMQ_URL);
		if (!"amqp".equals(uri.getScheme())) {
			throw new InfrastructureUnavailableException(RABBITMQ_URL + " must start with amqp://");
		}
		String[] userInfo = userInfo(uri.getRawUserInfo());
		String rawPath = (uri.getRawPath() != null) ? uri.getRawPath().replaceFirst("^/", "") : "";
		String vhost = rawPath.isEmpty() ? "/" : decode(rawPath);
		int management;
		try {
			management = (managementPort != null && !managementPort.isBlank()) ? Integer.parseInt(managementPort.trim())
					: 15672;
		}
		catch (NumberFormatException ex) {
			throw new InfrastructureUnavailableException(RABBITMQ_MANAGEMENT_PORT + " must be a port number", ex);
		}
		return new RabbitEndpoint(host(uri, RABBITMQ_URL), (uri.getPort() > 0) ? uri.getPort() : 5672,
				(userInfo[0] != null) ? userInfo[0] : "guest", (userInfo[1] != null) ? userInfo[1] : "guest", vhost,
				management, InfrastructureOrigin.ENVIRONMENT);
	}

	private static URI parse(String url, String variable) {
		try {
			return URI.create(url.trim());
		}
		catch (IllegalArgumentException ex) {
			// The message of URISyntaxException quotes the URL, password included: keep
			// it out.
			throw new InfrastructureUnavailableException(variable + " is not a valid URL");
		}
	}

	private static String host(URI uri, String variable) {
		if (uri.getHost() == null) {
			throw new InfrastructureUnavailableException(variable + " has no host");
		}
		return uri.getHost();
	}

	private static String[] userInfo(String rawUserInfo) {
		if (rawUserInfo == null || rawUserInfo.isEmpty()) {
			return new String[2];
		}
		int colon = rawUserInfo.indexOf(':');
		if (colon < 0) {
			return new String[] { decode(rawUserInfo), null };
		}
		return new String[] { decode(rawUserInfo.substring(0, colon)), decode(rawUserInfo.substring(colon + 1)) };
	}

	private static Map<String, String> query(String rawQuery) {
		Map<String, String> values = new HashMap<>();
		if (rawQuery == null) {
			return values;
		}
		for (String pair : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				values.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
			}
		}
		return values;
	}

	private static String decode(String value) {
		return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

}
