package app.flashcastr.api.metrics;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of the usage gauges: users and linked flashes not deleted. */
@Repository
class UsageRepository {

	private final JdbcClient jdbc;

	UsageRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long activeUsers() {
		return this.jdbc.sql("SELECT COUNT(*) FROM flashcastr_users WHERE deleted = false").query(Long.class).single();
	}

	long totalFlashes() {
		return this.jdbc.sql("SELECT COUNT(*) FROM flashcastr_flashes WHERE deleted = false")
			.query(Long.class)
			.single();
	}

}
