package app.flashcastr.api.flash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import app.flashcastr.api.SchemaTestSupport;
import app.flashcastr.api.paging.FilteredQuery;
import app.flashcastr.api.paging.Paging.Page;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timeline query ({@code flashes(fid|username|city)}) read in index order returns
 * exactly the pages of the former join-and-sort, kept here as the reference.
 */
class TimelineQueryTests extends SchemaTestSupport {

	/** The query before V7: every matching link joined and sorted on the flash. */
	private static final String REFERENCE = "SELECT ff.id FROM flashcastr_flashes ff "
			+ "JOIN flashes f ON f.flash_id = ff.flash_id "
			+ "JOIN flashcastr_users u ON u.fid = ff.user_fid AND u.deleted = false WHERE ff.deleted = false";

	@Test
	void pagesEqualTheJoinAndSortOnARandomDataSetWithTies() {
		Random random = new Random(14);
		RandomLinks.insert(this.jdbc, random);

		int compared = compareEveryPage();

		// Timestamps change under existing links (ties come and go), links and users
		// are deleted: the pages still follow.
		for (long id = 1; id <= 600; id += 1 + random.nextInt(4)) {
			this.jdbc.update("UPDATE flashes SET timestamp = ? WHERE flash_id = ?", RandomLinks.timestamp(random), id);
		}
		this.jdbc.update("UPDATE flashcastr_flashes SET deleted = true WHERE id % 7 = 0");
		this.jdbc.update("UPDATE flashcastr_users SET deleted = true WHERE fid IN (2, 9)");
		this.jdbc.update("DELETE FROM flashcastr_flashes WHERE id % 11 = 0");
		compared += compareEveryPage();

		assertThat(compared).isGreaterThan(2_000);
	}

	@Test
	void everyFlashPageEqualsTheSortOfTheTable() {
		RandomLinks.insert(this.jdbc, new Random(21));
		this.jdbc.update("UPDATE flashes SET player = 'Q' WHERE flash_id % 5 = 0");
		List<String> cities = new ArrayList<>(Arrays.asList(RandomLinks.CITIES));
		cities.add(null);
		cities.add("nowhere");
		int compared = 0;
		for (String city : cities) {
			for (String player : new String[] { null, "q", "P", "nobody" }) {
				for (int limit : new int[] { 1, 7, 20 }) {
					for (int offset = 0; offset <= 620; offset += (offset < 5 * limit) ? limit : 97) {
						Page page = new Page(offset, limit);
						FilteredQuery plain = FilteredQuery.from("SELECT f.flash_id FROM flashes f WHERE true")
							.equalsIgnoringCase("f.player", player)
							.equalsIgnoringCase("f.city", city)
							.orderBy(FlashRows.NEWEST_FIRST)
							.page(page);
						FilteredQuery pageFirst = FlashRepository.flashesQuery(city, player, page);
						assertThat(this.jdbc.query(pageFirst.sql(), (rs, row) -> rs.getLong("flash_id"),
								pageFirst.params().toArray()))
							.as("city %s player %s %s", city, player, page)
							.isEqualTo(this.jdbc.queryForList(plain.sql(), Long.class, plain.params().toArray()));
						compared++;
					}
				}
			}
		}
		assertThat(compared).isGreaterThan(500);
	}

	@Test
	void rowsMappedByPositionEqualRowsMappedByLabel() {
		RandomLinks.insert(this.jdbc, new Random(11));
		this.jdbc
			.update("UPDATE flashes SET ipfs_cid = 'cid' || flash_id, text = 't' || flash_id WHERE flash_id % 2 = 0");
		FilteredQuery timeline = FlashRepository.timeline(null, null, null, new Page(0, 200));
		List<FlashcastrFlash> byLabel = this.jdbc.query(timeline.sql(),
				(rs, row) -> new FlashcastrFlash(rs.getInt("id"), rs.getString("flash_id"), rs.getInt("user_fid"),
						rs.getString("user_username"), rs.getString("user_pfp_url"), rs.getString("cast_hash"),
						FlashRows.flash(rs)),
				timeline.params().toArray());
		assertThat(byLabel).hasSizeGreaterThan(100)
			.anySatisfy((link) -> assertThat(link.flash().timestamp()).isNull())
			.anySatisfy((link) -> assertThat(link.flash().ipfs_cid()).isNotNull());
		assertThat(this.jdbc.query(timeline.sql(), FlashRepository.LINK, timeline.params().toArray()))
			.isEqualTo(byLabel);
		FilteredQuery flashes = FlashRepository.flashesQuery(null, null, new Page(0, 700));
		assertThat(this.jdbc.query(flashes.sql(), FlashRepository.FLASH, flashes.params().toArray())).hasSize(600)
			.isEqualTo(this.jdbc.query(flashes.sql(), (rs, row) -> FlashRows.flash(rs), flashes.params().toArray()));
	}

	@Test
	void deletedUsersAndLinksStayHidden() {
		RandomLinks.insert(this.jdbc, new Random(7));
		this.jdbc.update("UPDATE flashcastr_users SET deleted = true WHERE fid = 1");
		this.jdbc.update("UPDATE flashcastr_flashes SET deleted = true WHERE user_fid = 2 AND id % 2 = 0");

		assertThat(ids(1, null, null, new Page(0, 100))).isEmpty();
		List<Integer> kept = ids(2, null, null, new Page(0, 1000));
		assertThat(kept).isNotEmpty().allMatch((id) -> id % 2 == 1);
		assertThat(ids(null, null, null, new Page(0, 1000)))
			.doesNotContainAnyElementsOf(this.jdbc
				.queryForList("SELECT id FROM flashcastr_flashes WHERE user_fid = 1 OR deleted", Integer.class))
			.hasSize(this.jdbc.queryForObject(
					"SELECT count(*) FROM flashcastr_flashes ff JOIN flashcastr_users u ON u.fid = ff.user_fid "
							+ "WHERE NOT u.deleted AND NOT ff.deleted",
					Integer.class));
	}

	@Test
	void theBusiestUsersPageReadsOnlyItsRowsFromTheIndex() {
		// User 1 has 2,000 links among 32,000; the others have 100 each.
		insertFlashes(32_000);
		this.jdbc
			.update("INSERT INTO flashcastr_users (fid, username) SELECT u, 'P' || u FROM generate_series(1, 301) u");
		this.jdbc.update("""
				INSERT INTO flashcastr_flashes (flash_id, user_fid, user_username)
				SELECT g, CASE WHEN g % 16 = 0 THEN 1 ELSE 2 + g % 300 END, CASE WHEN g % 16 = 0 THEN 'busy' END
				FROM generate_series(1, 32000) g""");
		this.jdbc.execute("ANALYZE");

		assertReadsTheIndexForThePageOnly(plan(FlashRepository.timeline(1, null, null, new Page(0, 20))),
				"idx_flashcastr_flashes_user_profile");
		assertReadsTheIndexForThePageOnly(plan(FlashRepository.timeline(null, "Busy", null, new Page(0, 20))),
				"idx_flashcastr_flashes_username_timeline");

		// PostgreSQL runs the driver's server-side statements on a generic plan once it
		// finds it no costlier than custom ones (as it does for these: all values are
		// parameters); made without the user's numbers, it must read the same way.
		this.jdbc.execute("SET plan_cache_mode = force_generic_plan");
		assertReadsTheIndexForThePageOnly(
				genericPlan("by_fid", FlashRepository.timeline(1, null, null, new Page(0, 20))),
				"idx_flashcastr_flashes_user_profile");
		assertReadsTheIndexForThePageOnly(
				genericPlan("by_username", FlashRepository.timeline(null, "Busy", null, new Page(0, 20))),
				"idx_flashcastr_flashes_username_timeline");
	}

	@Test
	void aDeepPageOfEveryFlashReadsOnlyItsRowsFromTheTableEvenOnAGenericPlan() {
		insertFlashes(20_000);
		this.jdbc.execute("VACUUM ANALYZE flashes");

		FilteredQuery page26 = FlashRepository.flashesQuery(null, null, new Page(500, 20));
		assertReadsOnlyThePagesRows(plan(page26));
		// The driver's server-side statements run on a generic plan, made without the
		// LIMIT and OFFSET: it must not join the page to the table by a full scan.
		this.jdbc.execute("SET plan_cache_mode = force_generic_plan");
		assertReadsOnlyThePagesRows(genericPlan("every_flash", page26));
	}

	/**
	 * Flashes 1 to {@code count}, three a minute from 2026-01-01 (ties in every page).
	 */
	private void insertFlashes(int count) {
		this.jdbc.update("""
				INSERT INTO flashes (flash_id, city, player, img, timestamp, flash_count)
				SELECT g, 'Paris', 'p', '/img', timestamp '2026-01-01' + (g / 3) * interval '1 minute', '1'
				FROM generate_series(1, ?) g""", count);
	}

	/**
	 * The page's ids from the newest-first index alone (520 entries, no table row), then
	 * 20 rows by their key.
	 */
	private static void assertReadsOnlyThePagesRows(String plan) {
		assertThat(plan).contains("\"Node Type\": \"Index Only Scan\"").doesNotContain("\"Node Type\": \"Seq Scan\"");
		assertThat(indexRows(plan, "idx_flashes_newest_first")).isEqualTo(520);
		assertThat(indexRows(plan, "flashes_pkey")).isEqualTo(20);
	}

	/** The plan reads the index in order and stops after the page: 20 rows, not 2,000. */
	private static void assertReadsTheIndexForThePageOnly(String plan, String index) {
		assertThat(plan).contains("\"Index Name\": \"" + index + "\"").doesNotContain("\"Node Type\": \"Sort\"");
		assertThat(indexRows(plan, index)).isEqualTo(20);
	}

	private int compareEveryPage() {
		List<Integer> fids = new ArrayList<>();
		fids.add(null);
		for (int fid = 1; fid <= RandomLinks.USERS + 1; fid++) {
			fids.add(fid);
		}
		List<String> usernames = new ArrayList<>(Arrays.asList(RandomLinks.USERNAMES));
		usernames.add(null);
		usernames.add("nobody");
		List<String> cities = new ArrayList<>(Arrays.asList(RandomLinks.CITIES));
		cities.add(null);
		int compared = 0;
		for (Integer fid : fids) {
			for (String username : usernames) {
				if (fid != null && username != null && fid % 3 != 0) {
					continue;
				}
				for (String city : cities) {
					for (int limit : new int[] { 1, 3, 20 }) {
						for (int offset = 0; offset <= 5 * limit; offset += limit) {
							Page page = new Page(offset, limit);
							List<Integer> expected = reference(fid, username, city, page);
							assertThat(ids(fid, username, city, page))
								.as("fid %s username %s city %s %s", fid, username, city, page)
								.isEqualTo(expected);
							compared++;
							if (expected.size() < limit) {
								break;
							}
						}
					}
				}
			}
		}
		return compared;
	}

	private List<Integer> ids(Integer fid, String username, String city, Page page) {
		FilteredQuery query = FlashRepository.timeline(fid, username, city, page);
		return this.jdbc.query(query.sql(), (rs, row) -> rs.getInt("id"), query.params().toArray());
	}

	private List<Integer> reference(Integer fid, String username, String city, Page page) {
		FilteredQuery query = FilteredQuery.from(REFERENCE)
			.equalTo("ff.user_fid", fid)
			.equalsIgnoringCase("ff.user_username", username)
			.equalsIgnoringCase("f.city", city)
			.orderBy("f.timestamp DESC, f.flash_id DESC")
			.page(page);
		return this.jdbc.queryForList(query.sql(), Integer.class, query.params().toArray());
	}

	private String plan(FilteredQuery query) {
		return String.join("\n", this.jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + query.sql(),
				String.class, query.params().toArray()));
	}

	/**
	 * The plan of a named prepared statement, which follows {@code plan_cache_mode} as
	 * the driver's server-side statements do (bound parameters on an {@code EXPLAIN}
	 * would be planned as constants).
	 */
	private String genericPlan(String name, FilteredQuery query) {
		StringBuilder sql = new StringBuilder();
		int parameter = 0;
		for (char c : query.sql().toCharArray()) {
			sql.append((c == '?') ? "$" + (++parameter) : String.valueOf(c));
		}
		this.jdbc.execute("PREPARE " + name + " AS " + sql);
		String arguments = String.join(", ", query.params()
			.stream()
			.map((value) -> (value instanceof String text) ? "'" + text.replace("'", "''") + "'" : value.toString())
			.toList());
		String plan = String.join("\n", this.jdbc.queryForList(
				"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE " + name + "(" + arguments + ")", String.class));
		assertThat(this.jdbc.queryForObject("SELECT generic_plans FROM pg_prepared_statements WHERE name = ?",
				Long.class, name))
			.as("generic plans of " + name)
			.isPositive();
		return plan;
	}

	/** "Actual Rows" of the scan on the index, from the JSON plan. */
	private static int indexRows(String plan, String index) {
		String node = plan.substring(plan.indexOf("\"Index Name\": \"" + index + "\""));
		String rows = node.substring(node.indexOf("\"Actual Rows\": ") + "\"Actual Rows\": ".length());
		return Integer.parseInt(rows.substring(0, rows.indexOf(',')).trim());
	}

}
