package app.flashcastr.api;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import app.flashcastr.testinfra.IsolatedDatabase;
import app.flashcastr.testinfra.TestInfrastructure;

/**
 * For tests of the API's SQL against the plain statements it replaced: a database of its
 * own per test, migrated to the current schema, on one connection (they run thousands of
 * small queries).
 */
public abstract class SchemaTestSupport {

	private final IsolatedDatabase database = TestInfrastructure.newDatabase();

	protected final SingleConnectionDataSource dataSource = new SingleConnectionDataSource(this.database.jdbcUrl(),
			this.database.username(), this.database.password(), true);

	protected final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	@BeforeEach
	void migrate() {
		Flyway.configure().dataSource(this.dataSource).load().migrate();
	}

	@AfterEach
	void drop() {
		this.dataSource.destroy();
		TestInfrastructure.release(this.database);
	}

}
