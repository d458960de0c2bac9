package app.flashcastr.testinfra;

import java.util.Map;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A fresh, empty database created for one test context and dropped when that context
 * closes (or at JVM exit at the latest).
 *
 * @param name database name ({@code flashcastr_test_...})
 * @param jdbcUrl JDBC URL of the database
 * @param username user name
 * @param password password, empty for trust authentication
 */
public record IsolatedDatabase(String name, String jdbcUrl, String username, String password) {

	/** Spring Boot's datasource properties for this database. */
	public Map<String, Object> springProperties() {
		return Map.of("spring.datasource.url", this.jdbcUrl, "spring.datasource.username", this.username,
				"spring.datasource.password", this.password);
	}

	/**
	 * The database as a {@code DATABASE_URL}-style URL, the form the services accept.
	 * @return {@code postgresql://user[:pass]@host:port/name}
	 */
	public String postgresUrl() {
		URI uri = URI.create(this.jdbcUrl.substring("jdbc:".length()));
		StringBuilder url = new StringBuilder("postgresql://").append(encode(this.username));
		if (this.password != null && !this.password.isEmpty()) {
			url.append(':').append(encode(this.password));
		}
		return url.append('@')
			.append(uri.getHost())
			.append(':')
			.append(uri.getPort())
			.append('/')
			.append(this.name)
			.toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	@Override
	public String toString() {
		// Never print the password.
		return "IsolatedDatabase[" + this.name + ", " + this.jdbcUrl + ", user " + this.username + "]";
	}

}
