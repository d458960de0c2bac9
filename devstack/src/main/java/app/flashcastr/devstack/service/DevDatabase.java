package app.flashcastr.devstack.service;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import app.flashcastr.contracts.schema.DatabaseUrl;

/**
 * A JDBC connection to the database the services use, from their {@code DATABASE_URL}.
 */
final class DevDatabase {

	private DevDatabase() {
	}

	static Connection connect(String databaseUrl) throws SQLException {
		DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
		Properties credentials = new Properties();
		if (url.username() != null) {
			credentials.setProperty("user", url.username());
		}
		if (url.password() != null) {
			credentials.setProperty("password", url.password());
		}
		return DriverManager.getConnection(url.jdbcUrl(), credentials);
	}

}
