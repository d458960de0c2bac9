package app.flashcastr.localinfra;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads PostgreSQL and AMQP connection URLs given in the environment, without ever
 * echoing their password: a bad URL fails with an {@link IllegalArgumentException} that
 * names the variable, never the URL.
 */
public final class ConnectionUrls {

	/** PostgreSQL's standard port. */
	public static final int POSTGRES_PORT = 5432;

	/** AMQP's standard port. */
	public static final int AMQP_PORT = 5672;

	private ConnectionUrls() {
	}

	/**
	 * Parses a URL that must have a host.
	 * @param url the URL (trimmed here)
	 * @param variable the variable it came from, for the error message
	 * @return the URL
	 * @throws IllegalArgumentException naming the variable, without the URL
	 */
	public static URI parse(String url, String variable) {
		try {
			URI uri = URI.create(url.trim());
			if (uri.getHost() == null) {
				throw new IllegalArgumentException("no host");
			}
			return uri;
		}
		catch (IllegalArgumentException ex) {
			// The parser's message quotes the URL, password included: keep it out.
			throw new IllegalArgumentException(variable + " is not a valid URL with a host");
		}
	}

	/**
	 * The URL's port, or a default when it names none.
	 * @param uri the URL
	 * @param defaultPort the default
	 * @return the port
	 */
	public static int port(URI uri, int defaultPort) {
		return (uri.getPort() > 0) ? uri.getPort() : defaultPort;
	}

	/**
	 * Reads {@code jdbc:postgresql://host[:port]/db?user=..&password=..} or
	 * {@code postgres[ql]://user[:pass]@host[:port]/db}.
	 * @param url the URL, kept (trimmed) as the endpoint's {@code url}
	 * @param variable the variable it came from, for error messages
	 * @param defaultDatabase the database when the URL names none
	 * @return the endpoint, from the {@link InfrastructureOrigin#ENVIRONMENT}; user
	 * {@code postgres} and no password unless the URL says otherwise
	 * @throws IllegalArgumentException naming the variable, without the URL
	 */
	public static PostgresEndpoint postgres(String url, String variable, String defaultDatabase) {
		String trimmed = url.trim();
		URI uri = parse(trimmed.startsWith("jdbc:") ? trimmed.substring("jdbc:".length()) : trimmed, variable);
		if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
			throw new IllegalArgumentException(
					variable + " must start with jdbc:postgresql://, postgresql:// or postgres://");
		}
		Map<String, String> query = query(uri.getRawQuery());
		String[] userInfo = userInfo(uri.getRawUserInfo());
		String username = query.getOrDefault("user", (userInfo[0] != null) ? userInfo[0] : PostgresEndpoint.LOCAL_USER);
		String password = query.getOrDefault("password", (userInfo[1] != null) ? userInfo[1] : "");
		String path = (uri.getPath() != null) ? uri.getPath().replaceFirst("^/", "") : "";
		return new PostgresEndpoint(trimmed, uri.getHost(), port(uri, POSTGRES_PORT), username, password,
				path.isEmpty() ? defaultDatabase : path, InfrastructureOrigin.ENVIRONMENT);
	}

	/**
	 * Reads {@code amqp://user:pass@host[:port][/vhost]}.
	 * @param url the URL
	 * @param variable the variable it came from, for error messages
	 * @param managementPort the port of the broker's management API
	 * @return the endpoint, from the {@link InfrastructureOrigin#ENVIRONMENT};
	 * guest/guest and vhost {@code /} unless the URL says otherwise
	 * @throws IllegalArgumentException naming the variable, without the URL
	 */
	public static RabbitEndpoint rabbit(String url, String variable, int managementPort) {
		URI uri = parse(url, variable);
		if (!"amqp".equals(uri.getScheme())) {
			throw new IllegalArgumentException(variable + " must start with amqp://");
		}
		String[] userInfo = userInfo(uri.getRawUserInfo());
		String rawPath = (uri.getRawPath() != null) ? uri.getRawPath().replaceFirst("^/", "") : "";
		return new RabbitEndpoint(uri.getHost(), port(uri, AMQP_PORT), (userInfo[0] != null) ? userInfo[0] : "guest",
				(userInfo[1] != null) ? userInfo[1] : "guest", rawPath.isEmpty() ? "/" : decode(rawPath),
				managementPort, InfrastructureOrigin.ENVIRONMENT);
	}

	/**
	 * Replaces the password of a URL, if any, with {@code ****}.
	 * @param url the URL
	 * @return the URL to print
	 */
	public static String withoutPassword(String url) {
		int scheme = url.indexOf("://");
		int at = url.indexOf('@');
		if (scheme < 0 || at < 0) {
			return url;
		}
		int colon = url.indexOf(':', scheme + 3);
		if (colon < 0 || colon > at) {
			return url;
		}
		return url.substring(0, colon + 1) + "****" + url.substring(at);
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
