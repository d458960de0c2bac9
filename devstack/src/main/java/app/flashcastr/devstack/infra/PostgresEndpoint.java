package app.flashcastr.devstack.infra;

/**
 * The PostgreSQL database the services use.
 *
 * @param url {@code DATABASE_URL} for the services
 * ({@code postgresql://user[:pass]@host:port/db})
 * @param host host
 * @param port port
 * @param origin where it comes from
 */
public record PostgresEndpoint(String url, String host, int port, InfraOrigin origin) {

	/** The URL to print: a password the user configured is masked. */
	public String displayUrl() {
		return Urls.withoutPassword(this.url);
	}

}
