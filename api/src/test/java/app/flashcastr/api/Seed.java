package app.flashcastr.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;

import app.flashcastr.simulators.neynar.NeynarSimulator;

/**
 * The data every {@link CoreApiTest} runs on, inserted once per database.
 * <ul>
 * <li>users: 101 alice (5 links, 3 cities), 102 bob (4 links, 3 cities, no Farcaster name
 * in the links: Neynar knows "bob_fc"), 103 carol (3 links, unknown to Neynar), 104 dave
 * (2 links, 2 cities), 105 erin (soft-deleted, 1 link), 106 frank (1 link, deleted by a
 * test), 107 gina (no links, auto_cast switched by a test);</li>
 * <li>18 named flashes around {@link #NOW} plus 130 old "Filler" flashes;</li>
 * <li>identifications of cid1 (matches flash 3) and cid6 (matches a catalogue id that is
 * not a flash).</li>
 * </ul>
 */
public final class Seed {

	/** The fixed "now" of the tests. */
	public static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");

	/** The API key the tests configure. */
	public static final String API_KEY = "test-api-key";

	/** Fillers, so that page-size caps show. */
	public static final int FILLERS = 130;

	private Seed() {
	}

	static void registerNeynarUsers(NeynarSimulator neynar) {
		neynar.registerUser(102, "bob_fc", "https://pfp.example/bob.png");
	}

	/** Inserts the data unless this database already has it. */
	public static synchronized void ensure(JdbcClient jdbc) {
		if (jdbc.sql("SELECT COUNT(*) FROM flashcastr_users").query(Integer.class).single() > 0) {
			return;
		}
		user(jdbc, 101, "AlicePlayer", false);
		user(jdbc, 102, "BobPlayer", false);
		user(jdbc, 103, "CarolPlayer", false);
		user(jdbc, 104, "DavePlayer", false);
		user(jdbc, 105, "ErinPlayer", true);
		user(jdbc, 106, "FrankPlayer", false);
		user(jdbc, 107, "GinaPlayer", false);
		flash(jdbc, 1, "Paris", "AlicePlayer", -60, "cid1");
		flash(jdbc, 2, "Paris", "AlicePlayer", -30 * 60, "cid2");
		flash(jdbc, 3, "London", "AlicePlayer", -2 * 60, "cid3");
		flash(jdbc, 4, "London", "AlicePlayer", -50 * 60, null);
		flash(jdbc, 5, "Tokyo", "AlicePlayer", -3 * 60, "cid5");
		flash(jdbc, 6, "Berlin", "BobPlayer", -4 * 60, "cid6");
		flash(jdbc, 7, "Rome", "BobPlayer", -5 * 60, "cid7");
		flash(jdbc, 8, "Rome", "BobPlayer", -28 * 60, "cid8");
		flash(jdbc, 9, "Madrid", "BobPlayer", -100 * 60, "cid9");
		flash(jdbc, 10, "Lisbon", "CarolPlayer", -90, null);
		flash(jdbc, 11, "Lisbon", "CarolPlayer", -7 * 60, null);
		flash(jdbc, 12, "Lisbon", "CarolPlayer", -8 * 60, null);
		flash(jdbc, 13, "Oslo", "DavePlayer", -150, null);
		flash(jdbc, 14, "Vienna", "DavePlayer", -26 * 60, null);
		flash(jdbc, 15, "Paris", "ErinPlayer", -30, null);
		flash(jdbc, 16, "Zurich", "FrankPlayer", -9 * 60, null);
		flash(jdbc, 17, "London", "Stranger", -12, null);
		flash(jdbc, 18, "paris", "Stranger", -6, null);
		for (int i = 0; i < FILLERS; i++) {
			flash(jdbc, 1000 + i, "Filler", "FillerPlayer", -200 * 60 - i, null);
		}
		for (int id = 1; id <= 5; id++) {
			link(jdbc, id, 101, "alice", "https://pfp.example/alice.png", (id == 1) ? "0xcast1" : null);
		}
		for (int id = 6; id <= 9; id++) {
			link(jdbc, id, 102, null, null, null);
		}
		for (int id = 10; id <= 12; id++) {
			link(jdbc, id, 103, null, null, null);
		}
		link(jdbc, 13, 104, "dave", null, null);
		link(jdbc, 14, 104, "dave", null, null);
		link(jdbc, 15, 105, "erin", null, null);
		link(jdbc, 16, 106, "frank", null, null);
		jdbc.sql(
				"INSERT INTO flash_identifications (source_ipfs_cid, matched_flash_id, matched_flash_name, similarity, "
						+ "confidence, created_at) VALUES ('cid1', 3, 'PA_0003', 0.93, 0.88, ?), "
						+ "('cid6', 999999, 'BRL_0042', 0.71, 0.65, ?)")
			.params(at(-60), at(-30))
			.update();
	}

	/** {@link #NOW} plus some minutes, as the database's UTC timestamps. */
	public static LocalDateTime at(long minutes) {
		return LocalDateTime.ofInstant(NOW.plus(Duration.ofMinutes(minutes)), ZoneOffset.UTC);
	}

	/** Epoch seconds of {@link #NOW} plus some minutes, as the API shows them. */
	public static String epoch(long minutes) {
		return Long.toString(NOW.plus(Duration.ofMinutes(minutes)).getEpochSecond());
	}

	private static void user(JdbcClient jdbc, int fid, String username, boolean deleted) {
		jdbc.sql("INSERT INTO flashcastr_users (fid, username, signer_uuid, auto_cast, deleted) VALUES (?, ?, ?, ?, ?)")
			.params(fid, username, "iv:tag:ct", true, deleted)
			.update();
	}

	private static void flash(JdbcClient jdbc, long id, String city, String player, long minutes, String cid) {
		jdbc.sql("INSERT INTO flashes (flash_id, city, player, img, ipfs_cid, text, timestamp, flash_count) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(id, city, player, "/img/" + id + ".png", cid, "text " + id, at(minutes), Long.toString(id))
			.update();
	}

	private static void link(JdbcClient jdbc, long flashId, int fid, String username, String pfp, String castHash) {
		jdbc.sql("INSERT INTO flashcastr_flashes (flash_id, user_fid, user_username, user_pfp_url, cast_hash) "
				+ "VALUES (?, ?, ?, ?, ?)")
			.params(flashId, fid, username, pfp, castHash)
			.update();
	}

}
