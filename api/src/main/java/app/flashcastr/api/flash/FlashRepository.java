package app.flashcastr.api.flash;

import java.sql.Array;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.flashcastr.api.metrics.QueryTimer;
import app.flashcastr.api.paging.FilteredQuery;
import app.flashcastr.api.paging.Paging.Page;

/**
 * SQL over {@code flashes} and {@code flashcastr_flashes}. Filters on players and cities
 * compare {@code LOWER()} values, as the indexes do; lists sort on
 * {@code flashes.timestamp} (newest first, flash id breaking ties), links on the copy of
 * it each link carries.
 */
@Repository
public class FlashRepository {

	private static final String LINK_SELECT = "SELECT ff.id, ff.user_fid, ff.user_username, ff.user_pfp_url, "
			+ "ff.cast_hash, " + FlashRows.COLUMNS + " FROM flashcastr_flashes ff "
			+ "JOIN flashes f ON f.flash_id = ff.flash_id "
			+ "JOIN flashcastr_users u ON u.fid = ff.user_fid AND u.deleted = false WHERE ff.deleted = false";

	/**
	 * A profile's header from the user's links alone (each carries its flash's city),
	 * read from the user's timeline index.
	 */
	static final String SUMMARY_SQL = "SELECT COUNT(*) AS flash_count, "
			+ "array_agg(DISTINCT ff.flash_city) FILTER (WHERE ff.flash_city IS NOT NULL) AS cities "
			+ "FROM flashcastr_flashes ff JOIN flashcastr_users u ON u.fid = ff.user_fid AND u.deleted = false "
			+ "WHERE ff.deleted = false AND ff.user_fid = ?";

	/**
	 * A page of links before their flashes are joined: the links of users not deleted.
	 */
	private static final String TIMELINE_SELECT = "SELECT ff.id, ff.flash_id, ff.user_fid, ff.user_username, "
			+ "ff.user_pfp_url, ff.cast_hash, ff.flash_timestamp FROM flashcastr_flashes ff "
			+ "JOIN flashcastr_users u ON u.fid = ff.user_fid AND u.deleted = false";

	private static final String TIMELINE_WHERE = " WHERE ff.deleted = false";

	/**
	 * {@link FlashRows#NEWEST_FIRST} on the link's copy of the flash's timestamp (a
	 * trigger keeps it equal to {@code flashes.timestamp}), the order of the timeline
	 * indexes.
	 */
	private static final String TIMELINE_ORDER = "ff.flash_timestamp DESC, ff.flash_id DESC";

	/** Rows that start with {@link FlashRows#COLUMNS}. */
	static final RowMapper<Flash> FLASH = (rs, row) -> FlashRows.flash(rs, 1);

	/**
	 * Rows of {@link #LINK_SELECT} and of {@link #timeline}: five link columns, then
	 * {@link FlashRows#COLUMNS} (whose {@code flash_id} is the link's).
	 */
	static final RowMapper<FlashcastrFlash> LINK = (rs, row) -> {
		Flash flash = FlashRows.flash(rs, 6);
		return new FlashcastrFlash(rs.getInt(1), flash.flash_id(), rs.getInt(2), rs.getString(3), rs.getString(4),
				rs.getString(5), flash);
	};

	private final JdbcClient jdbc;

	private final QueryTimer timer;

	FlashRepository(JdbcClient jdbc, QueryTimer timer) {
		this.jdbc = jdbc;
		this.timer = timer;
	}

	/**
	 * Linked flashes of users not deleted, newest first. The page is read in the order of
	 * the timeline indexes (V7: the flash's timestamp carried on the link) and only its
	 * rows are joined to their flashes: no join-and-sort of all of a user's links.
	 * @param fid owner, or null
	 * @param username owner's Farcaster username (case-insensitive), or null
	 * @param city city (case-insensitive), or null
	 * @param page the page
	 * @return the links, each with its flash
	 */
	List<FlashcastrFlash> links(Integer fid, String username, String city, Page page) {
		FilteredQuery query = timeline(fid, username, city, page);
		return this.timer.time("flashes", () -> this.jdbc.sql(query.sql()).params(query.params()).query(LINK).list());
	}

	/**
	 * The SQL of {@link #links}: the page of links first, in index order (with the city
	 * filter's join only when a city is asked for), then its flashes.
	 */
	static FilteredQuery timeline(Integer fid, String username, String city, Page page) {
		return FilteredQuery
			.from(hasText(city) ? TIMELINE_SELECT + " JOIN flashes f ON f.flash_id = ff.flash_id" + TIMELINE_WHERE
					: TIMELINE_SELECT + TIMELINE_WHERE)
			.equalTo("ff.user_fid", fid)
			.equalsIgnoringCase("ff.user_username", username)
			.equalsIgnoringCase("f.city", city)
			.orderBy(TIMELINE_ORDER)
			.page(page)
			.within("SELECT ff.id, ff.user_fid, ff.user_username, ff.user_pfp_url, ff.cast_hash, " + FlashRows.COLUMNS
					+ " FROM (", ") ff JOIN flashes f ON f.flash_id = ff.flash_id ORDER BY " + TIMELINE_ORDER);
	}

	Optional<FlashcastrFlash> link(int id) {
		return this.timer.time("flash",
				() -> this.jdbc.sql(LINK_SELECT + " AND ff.id = ?").param(id).query(LINK).optional());
	}

	/**
	 * Every flash, newest first.
	 * @param city city (case-insensitive), or null
	 * @param player player (case-insensitive), or null
	 * @param page the page
	 * @return the flashes
	 */
	List<Flash> flashes(String city, String player, Page page) {
		FilteredQuery query = flashesQuery(city, player, page);
		return this.timer.time("global_flashes",
				() -> this.jdbc.sql(query.sql()).params(query.params()).query(FLASH).list());
	}

	/**
	 * Every flash filtered by city and player, newest first: globalFlashes and
	 * unifiedFlashes list the same rows.
	 */
	public static FilteredQuery flashesQuery(String city, String player, Page page) {
		if (hasText(city) || hasText(player)) {
			// A filter's index holds few rows per value and no table column: read
			// the rows directly (finding ids first would read each row twice).
			return FilteredQuery.from("SELECT " + FlashRows.COLUMNS + " FROM flashes f WHERE true")
				.equalsIgnoringCase("f.player", player)
				.equalsIgnoringCase("f.city", city)
				.orderBy(FlashRows.NEWEST_FIRST)
				.page(page);
		}
		// Every flash: the page's ids from the newest-first index alone (V9), then only
		// its rows, each by its key; a deep page no longer reads and sorts every row
		// before it. As an array, so the prepared statement's generic plan cannot join
		// them by a full scan (it guesses 10 % of the table for a LIMIT it does not
		// know).
		return FilteredQuery.from("SELECT f.flash_id FROM flashes f WHERE true")
			.orderBy(FlashRows.NEWEST_FIRST)
			.page(page)
			.within("SELECT " + FlashRows.COLUMNS + " FROM flashes f WHERE f.flash_id = ANY (ARRAY(",
					")) ORDER BY " + FlashRows.NEWEST_FIRST);
	}

	Optional<Flash> flash(long flashId) {
		return this.timer.time("global_flash",
				() -> this.jdbc.sql("SELECT " + FlashRows.COLUMNS + " FROM flashes f WHERE f.flash_id = ?")
					.param(flashId)
					.query(FLASH)
					.optional());
	}

	/**
	 * Flashes by id, in one statement.
	 * @param flashIds ids to read
	 * @return the flashes found, by id
	 */
	public Map<Long, Flash> flashesById(Collection<Long> flashIds) {
		if (flashIds.isEmpty()) {
			return Map.of();
		}
		Long[] ids = flashIds.stream().distinct().toArray(Long[]::new);
		List<Flash> found = this.timer.time("flashes_by_id",
				() -> this.jdbc.sql("SELECT " + FlashRows.COLUMNS + " FROM flashes f WHERE f.flash_id = ANY(?)")
					.param(ids)
					.query(FLASH)
					.list());
		return found.stream().collect(Collectors.toMap((flash) -> Long.valueOf(flash.flash_id()), Function.identity()));
	}

	FlashesSummary summary(int fid) {
		return this.timer.time("flashes_summary", () -> this.jdbc.sql(SUMMARY_SQL).param(fid).query((rs, row) -> {
			Array cities = rs.getArray("cities");
			List<String> names = (cities != null) ? List.of((String[]) cities.getArray()) : List.of();
			return new FlashesSummary(rs.getInt("flash_count"), names);
		}).single());
	}

	List<String> players(String username) {
		return this.timer.time("players",
				() -> this.jdbc
					.sql("SELECT DISTINCT player FROM flashes WHERE LOWER(player) = LOWER(?) ORDER BY player")
					.param(username)
					.query(String.class)
					.list());
	}

	List<String> cities() {
		return this.timer.time("cities",
				() -> this.jdbc.sql("SELECT DISTINCT city FROM flashes WHERE city IS NOT NULL ORDER BY city")
					.query(String.class)
					.list());
	}

	static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
