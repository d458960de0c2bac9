package app.flashcastr.api.unified;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.flashcastr.api.flash.FlashRepository;
import app.flashcastr.api.flash.FlashRows;
import app.flashcastr.api.metrics.QueryTimer;
import app.flashcastr.api.paging.FilteredQuery;
import app.flashcastr.api.paging.Paging;

/**
 * SQL of the unified flashes: the flashes themselves (the same rows as
 * {@code globalFlashes}) and, for a whole response at once, each flash's link and
 * identification.
 */
@Repository
class UnifiedRepository {

	private static final RowMapper<UnifiedFlash> FLASH = (rs, row) -> new UnifiedFlash(rs.getString("flash_id"),
			rs.getString("city"), rs.getString("player"), rs.getString("img"), rs.getString("ipfs_cid"),
			rs.getString("text"), FlashRows.epochSeconds(rs, "timestamp"), rs.getString("flash_count"));

	private static final String EXTRAS_SQL = """
			SELECT f.flash_id, ff.user_fid, ff.user_username, ff.user_pfp_url, ff.cast_hash,
			       fi.id AS fi_id, fi.matched_flash_id, fi.matched_flash_name, fi.similarity, fi.confidence
			FROM flashes f
			LEFT JOIN flashcastr_flashes ff ON ff.flash_id = f.flash_id AND ff.deleted = false
			LEFT JOIN flash_identifications fi ON fi.source_ipfs_cid = f.ipfs_cid
			WHERE f.flash_id = ANY(?)""";

	private final JdbcClient jdbc;

	private final QueryTimer timer;

	UnifiedRepository(JdbcClient jdbc, QueryTimer timer) {
		this.jdbc = jdbc;
		this.timer = timer;
	}

	Optional<UnifiedFlash> flash(long flashId) {
		return this.timer.time("unified_flash",
				() -> this.jdbc.sql("SELECT " + FlashRows.COLUMNS + " FROM flashes f WHERE f.flash_id = ?")
					.param(flashId)
					.query(FLASH)
					.optional());
	}

	/**
	 * Every flash filtered by city and player, newest first: the rows of
	 * {@code globalFlashes}.
	 */
	List<UnifiedFlash> flashes(String city, String player, Paging.Page page) {
		FilteredQuery query = FlashRepository.flashesQuery(city, player, page);
		return this.timer.time("unified_flashes",
				() -> this.jdbc.sql(query.sql()).params(query.params()).query(FLASH).list());
	}

	/**
	 * The link and the identification of each flash, in one statement.
	 * @param flashIds ids of the flashes
	 * @return what was found, by flash id
	 */
	Map<String, Extras> extras(Set<String> flashIds) {
		Long[] ids = flashIds.stream().map(Long::valueOf).toArray(Long[]::new);
		Map<String, Extras> result = new HashMap<>();
		this.timer.time("unified_extras", () -> {
			this.jdbc.sql(EXTRAS_SQL).param(ids).query((ResultSet rs) -> {
				result.put(rs.getString("flash_id"), new Extras(user(rs), identification(rs)));
			});
			return result;
		});
		return result;
	}

	private static FarcasterUser user(ResultSet rs) throws SQLException {
		int fid = rs.getInt("user_fid");
		if (rs.wasNull()) {
			return null;
		}
		return new FarcasterUser(fid, rs.getString("user_username"), rs.getString("user_pfp_url"),
				rs.getString("cast_hash"));
	}

	private static FlashIdentificationInfo identification(ResultSet rs) throws SQLException {
		int id = rs.getInt("fi_id");
		if (rs.wasNull()) {
			return null;
		}
		return new FlashIdentificationInfo(id, rs.getString("matched_flash_id"), rs.getString("matched_flash_name"),
				rs.getDouble("similarity"), rs.getDouble("confidence"));
	}

	/**
	 * What the nested fields of one flash need.
	 *
	 * @param user the Flashcastr link, or null
	 * @param identification the image identification, or null
	 */
	record Extras(FarcasterUser user, FlashIdentificationInfo identification) {
	}

}
