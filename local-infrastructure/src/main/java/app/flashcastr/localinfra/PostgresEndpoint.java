package app.flashcastr.localinfra;

/**
 * A PostgreSQL server and the database and account used on it.
 *
 * @param url the server as a {@code DATABASE_URL} (as given, when it came from the
 * environment)
 * @param host host name or address
 * @param port TCP port
 * @param username user name
 * @param password password, empty for trust authentication
 * @param database the database connections open (tests: the admin database, usually
 * {@code postgres}; devstack: {@code flashcastr})
 * @param origin where this server comes from
 */
public record PostgresEndpoint(String url, String host, int port, String username, String password, String database,
		InfrastructureOrigin origin) {

	/** The user of a local server with trust authentication. */
	public static final String LOCAL_USER = "postgres";

	/**
	 * A server reached as {@value #LOCAL_USER} without a password (trust authentication),
	 * as a local or embedded one is.
	 * @param host host
	 * @param port port
	 * @param database the database connections open
	 * @param origin where it comes from
	 * @return the endpoint, its URL {@code postgresql://postgres@host:port/database}
	 */
	public static PostgresEndpoint trusted(String host, int port, String database, InfrastructureOrigin origin) {
		return new PostgresEndpoint("postgresql://" + LOCAL_USER + "@" + host + ":" + port + "/" + database, host, port,
				LOCAL_USER, "", database, origin);
	}

	/**
	 * JDBC URL of one database on this server.
	 * @param database the database name
	 * @return {@code jdbc:postgresql://host:port/database}
	 */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + database;
	}

	/**
	 * JDBC URL of {@link #database()}.
	 * @return the JDBC URL
	 */
	public String jdbcUrl() {
		return jdbcUrl(this.database);
	}

	/**
	 * The URL to print: a password is masked.
	 * @return the URL without its password
	 */
	public String displayUrl() {
		return ConnectionUrls.withoutPassword(this.url);
	}

	@Override
	public String toString() {
		// Never print the password.
		return "PostgresEndpoint[" + this.username + "@" + this.host + ":" + this.port + "/" + this.database + ", "
				+ this.origin + "]";
	}

}
