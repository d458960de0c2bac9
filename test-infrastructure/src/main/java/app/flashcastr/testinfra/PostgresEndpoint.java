package app.flashcastr.testinfra;

/**
 * A resolved PostgreSQL server with an account allowed to create and drop databases.
 *
 * @param host host name or address
 * @param port TCP port
 * @param username admin user name
 * @param password admin password, empty for trust authentication
 * @param adminDatabase database the admin connection opens (usually {@code postgres})
 * @param origin where this server comes from
 */
public record PostgresEndpoint(String host, int port, String username, String password, String adminDatabase,
		InfrastructureOrigin origin) {

	/**
	 * JDBC URL of one database on this server.
	 * @param database the database name
	 * @return {@code jdbc:postgresql://host:port/database}
	 */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + database;
	}

	/**
	 * JDBC URL of the database used for administration ({@code CREATE/DROP DATABASE}).
	 * @return the admin JDBC URL
	 */
	public String adminJdbcUrl() {
		return jdbcUrl(this.adminDatabase);
	}

	@Override
	public String toString() {
		// Never print the password.
		return "PostgresEndpoint[" + this.username + "@" + this.host + ":" + this.port + "/" + this.adminDatabase + ", "
				+ this.origin + "]";
	}

}
