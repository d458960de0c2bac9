package app.flashcastr.api.flash;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A random data set for comparing the API's statements with the plain joins they replace:
 * 600 flashes on 40 distinct timestamps (and NULLs), so ties are common; 30 users (3
 * deleted), 450 links skewed towards the first users, 10 % deleted, usernames shared
 * across users in mixed case.
 */
public final class RandomLinks {

	/** Usernames of links, shared across users in mixed case. */
	public static final String[] USERNAMES = { "alice", "ALICE", "bob", "Shared", "shared", "zoe" };

	/** Cities of flashes (a tenth have none). */
	public static final String[] CITIES = { "Paris", "paris", "London", "Tokyo" };

	/** Users, fids 1 to 30; every tenth from 7 is deleted. */
	public static final int USERS = 30;

	private RandomLinks() {
	}

	/** Inserts the data set into a migrated, empty schema. */
	public static void insert(JdbcTemplate jdbc, Random random) {
		List<Object[]> flashes = new ArrayList<>();
		for (long id = 1; id <= 600; id++) {
			String city = (random.nextInt(10) == 0) ? null : CITIES[random.nextInt(CITIES.length)];
			flashes.add(new Object[] { id, city, timestamp(random) });
		}
		jdbc.batchUpdate("INSERT INTO flashes (flash_id, city, player, img, timestamp, flash_count) "
				+ "VALUES (?, ?, 'p', '/img', ?, '1')", flashes);
		List<Object[]> users = new ArrayList<>();
		for (int fid = 1; fid <= USERS; fid++) {
			users.add(new Object[] { fid, "Player" + fid, fid % 10 == 7 });
		}
		jdbc.batchUpdate("INSERT INTO flashcastr_users (fid, username, deleted) VALUES (?, ?, ?)", users);
		List<Long> ids = new ArrayList<>();
		for (long id = 1; id <= 600; id++) {
			ids.add(id);
		}
		Collections.shuffle(ids, random);
		List<Object[]> links = new ArrayList<>();
		for (Long flashId : ids.subList(0, 450)) {
			double skew = random.nextDouble();
			int fid = 1 + (int) (USERS * skew * skew);
			String username = (random.nextInt(8) == 0) ? null : USERNAMES[(fid + random.nextInt(2)) % USERNAMES.length];
			links.add(new Object[] { flashId, fid, username, random.nextInt(10) == 0 });
		}
		jdbc.batchUpdate(
				"INSERT INTO flashcastr_flashes (flash_id, user_fid, user_username, deleted) VALUES (?, ?, ?, ?)",
				links);
	}

	/** One of 40 minutes of 2026-03-01, or (one in 25) NULL. */
	public static LocalDateTime timestamp(Random random) {
		return (random.nextInt(25) == 0) ? null
				: LocalDateTime.parse("2026-03-01T00:00:00").plusMinutes(random.nextInt(40));
	}

}
