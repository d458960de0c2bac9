package app.flashcastr.api;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Every query on the seeded data, with the expected results. */
@CoreApiTest
class QueryTests extends CoreApiTestSupport {

	QueryTests(@LocalServerPort int port, JdbcClient jdbc) {
		super(port, jdbc);
	}

	@Test
	void usersListsUsersNotDeletedAndFiltersCaseInsensitively() {
		this.graphQl.document("{ users { fid } }")
			.execute()
			.path("users[*].fid")
			.entityList(Integer.class)
			.satisfies((fids) -> assertThat(fids).contains(101, 102, 103, 104, 107).doesNotContain(105));
		this.graphQl.document("{ users(username: \"aliceplayer\") { fid username auto_cast } }")
			.execute()
			.path("users")
			.entityList(Map.class)
			.containsExactly(Map.of("fid", 101, "username", "AlicePlayer", "auto_cast", true));
		this.graphQl.document("{ users(fid: 105) { fid } }").execute().path("users").entityList(Map.class).hasSize(0);
	}

	@Test
	void flashesOfAUserAreNewestFirstWithTheirFlash() {
		this.graphQl
			.document("{ flashes(fid: 101) { flash_id user_fid user_username cast_hash flash { city timestamp } } }")
			.execute()
			.path("flashes[*].flash_id")
			.entityList(String.class)
			.containsExactly("1", "3", "5", "2", "4")
			.path("flashes[0].flash.timestamp")
			.entity(String.class)
			.isEqualTo(Seed.epoch(-60))
			.path("flashes[0].cast_hash")
			.entity(String.class)
			.isEqualTo("0xcast1")
			.path("flashes[1].flash.city")
			.entity(String.class)
			.isEqualTo("London");
		this.graphQl.document("{ flashes(fid: 101, page: 2, limit: 2) { flash_id } }")
			.execute()
			.path("flashes[*].flash_id")
			.entityList(String.class)
			.containsExactly("5", "2");
		this.graphQl.document("{ flashes(username: \"ALICE\", city: \"paris\") { flash_id } }")
			.execute()
			.path("flashes[*].flash_id")
			.entityList(String.class)
			.containsExactly("1", "2");
		// A soft-deleted user's links are hidden.
		this.graphQl.document("{ flashes(fid: 105) { flash_id } }")
			.execute()
			.path("flashes")
			.entityList(Object.class)
			.hasSize(0);
	}

	@Test
	void flashReadsALinkByItsOwnId() {
		int id = this.jdbc.sql("SELECT id FROM flashcastr_flashes WHERE flash_id = 3").query(Integer.class).single();
		this.graphQl.document("{ flash(id: " + id + ") { id flash_id user_username flash { flash_id player } } }")
			.execute()
			.path("flash.flash_id")
			.entity(String.class)
			.isEqualTo("3")
			.path("flash.flash.player")
			.entity(String.class)
			.isEqualTo("AlicePlayer");
		this.graphQl.document("{ flash(id: 999999) { id } }").execute().path("flash").valueIsNull();
	}

	@Test
	void globalFlashesFilterCaseInsensitivelyAndCapTheLimit() {
		this.graphQl.document("{ globalFlashes(player: \"aliceplayer\") { flash_id } }")
			.execute()
			.path("globalFlashes[*].flash_id")
			.entityList(String.class)
			.containsExactly("1", "3", "5", "2", "4");
		this.graphQl.document("{ globalFlashes(city: \"LONDON\") { flash_id city } }")
			.execute()
			.path("globalFlashes[*].flash_id")
			.entityList(String.class)
			.containsExactly("17", "3", "4");
		this.graphQl.document("{ globalFlashes(limit: 1000) { flash_id } }")
			.execute()
			.path("globalFlashes")
			.entityList(Object.class)
			.hasSize(100);
		this.graphQl.document("{ globalFlashes(limit: 2) { flash_id } }")
			.execute()
			.path("globalFlashes[*].flash_id")
			.entityList(String.class)
			.containsExactly("18", "17");
		this.graphQl.document("{ globalFlashes(page: 1000000) { flash_id } }")
			.execute()
			.errors()
			.satisfy((errors) -> assertClassified(errors, "BAD_USER_INPUT"));
	}

	@Test
	void globalFlashReadsOneFlash() {
		this.graphQl
			.document(
					"{ globalFlash(flash_id: \"3\") { flash_id city player img ipfs_cid text timestamp flash_count } }")
			.execute()
			.path("globalFlash")
			.entity(Map.class)
			.isEqualTo(Map.of("flash_id", "3", "city", "London", "player", "AlicePlayer", "img", "/img/3.png",
					"ipfs_cid", "cid3", "text", "text 3", "timestamp", Seed.epoch(-120), "flash_count", "3"));
		this.graphQl.document("{ globalFlash(flash_id: \"424242\") { flash_id } }")
			.execute()
			.path("globalFlash")
			.valueIsNull();
		this.graphQl.document("{ globalFlash(flash_id: \"abc\") { flash_id } }")
			.execute()
			.errors()
			.satisfy((errors) -> assertClassified(errors, "BAD_USER_INPUT"));
	}

	@Test
	void flashesSummaryCountsLinksAndCities() {
		this.graphQl.document("{ flashesSummary(fid: 101) { flashCount cities } }")
			.execute()
			.path("flashesSummary.flashCount")
			.entity(Integer.class)
			.isEqualTo(5)
			.path("flashesSummary.cities")
			.entityList(String.class)
			.containsExactly("London", "Paris", "Tokyo");
		this.graphQl.document("{ flashesSummary(fid: 424242) { flashCount cities } }")
			.execute()
			.path("flashesSummary.flashCount")
			.entity(Integer.class)
			.isEqualTo(0);
	}

	@Test
	void playersAndCities() {
		this.graphQl.document("{ allFlashesPlayers(username: \"aliceplayer\") }")
			.execute()
			.path("allFlashesPlayers")
			.entityList(String.class)
			.containsExactly("AlicePlayer");
		this.graphQl.document("{ allFlashesPlayers }")
			.execute()
			.path("allFlashesPlayers")
			.entityList(String.class)
			.hasSize(0);
		this.graphQl.document("{ getAllCities }")
			.execute()
			.path("getAllCities")
			.entityList(String.class)
			.satisfies((cities) -> assertThat(cities).hasSize(12)
				.contains("Berlin", "Filler", "Lisbon", "London", "Madrid", "Oslo", "Paris", "Rome", "Tokyo", "Vienna",
						"Zurich", "paris"));
	}

	@Test
	void trendingCitiesCountTheWindowAndExcludeParis() {
		this.graphQl.document("{ getTrendingCities { city count } }")
			.execute()
			.path("getTrendingCities")
			.entityList(Map.class)
			.containsExactly(Map.of("city", "London", "count", 2), Map.of("city", "Berlin", "count", 1),
					Map.of("city", "Lisbon", "count", 1), Map.of("city", "Oslo", "count", 1),
					Map.of("city", "Rome", "count", 1), Map.of("city", "Tokyo", "count", 1));
		this.graphQl.document("{ getTrendingCities(excludeParis: false, hours: 6) { city count } }")
			.execute()
			.path("getTrendingCities[*].city")
			.entityList(String.class)
			.satisfies((
					cities) -> assertThat(cities).hasSize(8).startsWith("London", "Paris").contains("paris", "Berlin"));
		this.graphQl.document("{ getTrendingCities(hours: 9) { city count } }")
			.execute()
			.path("getTrendingCities[0]")
			.entity(Map.class)
			.isEqualTo(Map.of("city", "Lisbon", "count", 3));
		this.graphQl.document("{ getTrendingCities(hours: 0) { city } }")
			.execute()
			.errors()
			.satisfy((errors) -> assertClassified(errors, "BAD_USER_INPUT"));
	}

	@Test
	void leaderboardOrdersByFlashesThenCitiesAndFillsNamesFromNeynar() {
		this.graphQl.document("{ getLeaderboard(limit: 4) { username pfp_url flash_count city_count } }")
			.execute()
			.path("getLeaderboard")
			.entityList(Map.class)
			.satisfies((entries) -> assertThat(entries).extracting((entry) -> entry.get("username"))
				// carol (3 flashes) is unknown to Neynar: dropped, as upstream.
				.containsExactly("alice", "bob_fc", "dave"))
			.path("getLeaderboard[0]")
			.entity(Map.class)
			.isEqualTo(Map.of("username", "alice", "pfp_url", "https://pfp.example/alice.png", "flash_count", 5,
					"city_count", 3))
			.path("getLeaderboard[1].pfp_url")
			.entity(String.class)
			.isEqualTo("https://pfp.example/bob.png");
		this.graphQl.document("{ getLeaderboard(limit: 0) { username } }")
			.execute()
			.path("getLeaderboard[*].username")
			.entityList(String.class)
			.containsExactly("alice");
	}

	@Test
	void progressHasOneEntryPerDay() {
		this.graphQl.document("{ progress(fid: 101, days: 3) { date count } }")
			.execute()
			.path("progress")
			.entityList(Map.class)
			.containsExactly(Map.of("date", "2026-03-13", "count", 1), Map.of("date", "2026-03-14", "count", 1),
					Map.of("date", "2026-03-15", "count", 3));
		this.graphQl.document("{ progress(fid: 101, days: 30, order: \"desc\") { date count } }")
			.execute()
			.path("progress")
			.entityList(Map.class)
			.satisfies((days) -> assertThat(days).hasSize(30)
				.startsWith(Map.of("date", "2026-03-15", "count", 3))
				.endsWith(Map.of("date", "2026-02-14", "count", 0)));
		for (String days : List.of("0", "31")) {
			this.graphQl.document("{ progress(fid: 101, days: " + days + ") { date } }")
				.execute()
				.errors()
				.satisfy((errors) -> assertClassified(errors, "BAD_USER_INPUT"));
		}
		this.graphQl.document("{ progress(fid: 101, days: 3, order: \"SIDEWAYS\") { date } }")
			.execute()
			.errors()
			.satisfy((errors) -> assertClassified(errors, "BAD_USER_INPUT"));
	}

	@Test
	void identificationsWithTheirMatchedFlash() {
		this.graphQl
			.document("{ flashIdentifications { source_ipfs_cid matched_flash_id created_at "
					+ "matched_flash { flash_id city } } }")
			.execute()
			.path("flashIdentifications[*].source_ipfs_cid")
			.entityList(String.class)
			.satisfies((cids) -> assertThat(cids).containsSubsequence("cid6", "cid1"))
			.path("flashIdentifications[?(@.source_ipfs_cid == 'cid1')].matched_flash.city")
			.entityList(String.class)
			.containsExactly("London")
			.path("flashIdentifications[?(@.source_ipfs_cid == 'cid6')].created_at")
			.entityList(String.class)
			.containsExactly("2026-03-15T11:30:00Z");
		this.graphQl
			.document("{ flashIdentifications(ipfs_cid: \"cid6\") { matched_flash_id matched_flash { city } } }")
			.execute()
			.path("flashIdentifications[0].matched_flash_id")
			.entity(String.class)
			.isEqualTo("999999")
			.path("flashIdentifications[0].matched_flash")
			.valueIsNull();
		this.graphQl
			.document("{ flashIdentifications(matched_flash_id: \"3\") { source_ipfs_cid similarity confidence } }")
			.execute()
			.path("flashIdentifications")
			.entityList(Map.class)
			.containsExactly(Map.of("source_ipfs_cid", "cid1", "similarity", 0.93, "confidence", 0.88));
		int id = this.jdbc.sql("SELECT id FROM flash_identifications WHERE source_ipfs_cid = 'cid1'")
			.query(Integer.class)
			.single();
		this.graphQl.document("{ flashIdentification(id: " + id + ") { matched_flash_name } }")
			.execute()
			.path("flashIdentification.matched_flash_name")
			.entity(String.class)
			.isEqualTo("PA_0003");
		this.graphQl.document("{ flashIdentification(id: 999999) { id } }")
			.execute()
			.path("flashIdentification")
			.valueIsNull();
	}

	@Test
	void unifiedFlashesCarryTheirOwnerAndIdentification() {
		this.graphQl
			.document("{ unifiedFlash(flash_id: \"1\") { flash_id timestamp farcaster_user { fid username "
					+ "pfp_url cast_hash } identification { matched_flash_id matched_flash_name } } }")
			.execute()
			.path("unifiedFlash.timestamp")
			.entity(String.class)
			.isEqualTo(Seed.epoch(-60))
			.path("unifiedFlash.farcaster_user")
			.entity(Map.class)
			.isEqualTo(Map.of("fid", 101, "username", "alice", "pfp_url", "https://pfp.example/alice.png", "cast_hash",
					"0xcast1"))
			.path("unifiedFlash.identification")
			.entity(Map.class)
			.isEqualTo(Map.of("matched_flash_id", "3", "matched_flash_name", "PA_0003"));
		this.graphQl.document("{ unifiedFlash(flash_id: \"17\") { farcaster_user { fid } identification { id } } }")
			.execute()
			.path("unifiedFlash.farcaster_user")
			.valueIsNull()
			.path("unifiedFlash.identification")
			.valueIsNull();
		this.graphQl.document("{ unifiedFlashes(player: \"bobplayer\", limit: 3) { flash_id farcaster_user { fid } } }")
			.execute()
			.path("unifiedFlashes[*].flash_id")
			.entityList(String.class)
			.containsExactly("6", "7", "8")
			.path("unifiedFlashes[*].farcaster_user.fid")
			.entityList(Integer.class)
			.containsExactly(102, 102, 102);
	}

}
