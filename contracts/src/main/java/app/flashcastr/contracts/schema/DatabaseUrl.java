package app.flashcastr.contracts.schema;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A {@code DATABASE_URL} as Railway and Heroku hand it out
 * ({@code postgres://user:pass@host:port/db}, or already {@code jdbc:}), read into what
 * JDBC needs. JDK only, so tools without Spring (the devstack) read it the same way.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/db?...}
 * @param username the user, or null when the URL names none
 * @param password the password, or null
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

	/**
	 * Reads a database URL.
	 * @param databaseUrl the URL
	 * @return its JDBC form
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public static DatabaseUrl parse(String databaseUrl) {
		if (databaseUrl.startsWith("jdbc:")) {
			return new DatabaseUrl(databaseUrl, null, null);
		}
		URI uri;
		try {
			uri = URI.create(databaseUrl);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"DATABASE_URL is not a valid URL (expected postgres://user:pass@host:port/db)");
		}
		if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
			throw new IllegalArgumentException(
					"DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql:// (got scheme '"
							+ uri.getScheme() + "')");
		}
		String port = (uri.getPort() > 0) ? ":" + uri.getPort() : "";
		String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
		String jdbcUrl = "jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query;
		String userInfo = uri.getRawUserInfo();
		if (userInfo == null) {
			return new DatabaseUrl(jdbcUrl, null, null);
		}
		int colon = userInfo.indexOf(':');
		String user = URLDecoder.decode((colon < 0) ? userInfo : userInfo.substring(0, colon), StandardCharsets.UTF_8);
		String password = (colon < 0) ? null : URLDecoder.decode(userInfo.substring(colon + 1), StandardCharsets.UTF_8);
		return new DatabaseUrl(jdbcUrl, user, password);
	}

	@Override
	public String toString() {
		// Never print the password.
		return "DatabaseUrl[jdbcUrl=" + this.jdbcUrl + ", username=" + this.username + "]";
	}

}
