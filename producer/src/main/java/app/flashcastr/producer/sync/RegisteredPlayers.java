package app.flashcastr.producer.sync;

import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Player names of registered, not deleted Flashcastr users, lower-cased. Read fresh on
 * every run: upstream lost every Paris flash to a stale copy of this list.
 */
@Component
class RegisteredPlayers {

	private final JdbcTemplate jdbc;

	RegisteredPlayers(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Set<String> lowerCaseNames() {
		return new HashSet<>(this.jdbc.queryForList("""
				SELECT DISTINCT LOWER(username) FROM flashcastr_users
				WHERE NOT deleted AND username IS NOT NULL AND username <> ''
				""", String.class));
	}

}
