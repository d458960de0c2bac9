package app.flashcastr.api.unified;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;

import app.flashcastr.api.flash.FlashRepository;
import app.flashcastr.api.flash.FlashRows;
import app.flashcastr.api.metrics.QueryTimer;
import app.flashcastr.api.paging.FilteredQuery;
import app.flashcastr.api.paging.Paging;

/**
 * Queries {@code unifiedFlash} and {@code unifiedFlashes}. Both nested fields,
 * {@code farcaster_user} and {@code identification}, share one data loader whose batch
 * reads the link and the identification of every flash of the response in one statement,
 * so a list costs at most two.
 */
@Controller
class UnifiedController {

	static final String LOADER = "unifiedExtras";

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

	private final Paging paging;

	UnifiedController(JdbcClient jdbc, QueryTimer timer, Paging paging, BatchLoaderRegistry loaders) {
		this.jdbc = jdbc;
		this.timer = timer;
		this.paging = paging;
		loaders.forTypePair(String.class, Extras.class)
			.withName(LOADER)
			.registerMappedBatchLoader((flashIds, env) -> Mono.fromCallable(() -> extras(flashIds)));
	}

	@QueryMapping
	UnifiedFlash unifiedFlash(@Argument("flash_id") String flashId) {
		long id = FlashRows.parseFlashId(flashId, "flash_id");
		return this.timer.time("unified_flash",
				() -> this.jdbc.sql("SELECT " + FlashRows.COLUMNS + " FROM flashes f WHERE f.flash_id = ?")
					.param(id)
					.query(FLASH)
					.optional()
					.orElse(null));
	}

	@QueryMapping
	List<UnifiedFlash> unifiedFlashes(@Argument Integer page, @Argument Integer limit, @Argument String city,
			@Argument String player) {
		Paging.Page bounds = this.paging.page(page, limit);
		FilteredQuery query = FlashRepository.flashesQuery(city, player, bounds);
		return this.timer.time("unified_flashes",
				() -> this.jdbc.sql(query.sql()).params(query.params()).query(FLASH).list());
	}

	@SchemaMapping(typeName = "UnifiedFlash", field = "farcaster_user")
	CompletableFuture<FarcasterUser> farcasterUser(UnifiedFlash flash, DataLoader<String, Extras> unifiedExtras) {
		return unifiedExtras.load(flash.flash_id()).thenApply((extras) -> (extras != null) ? extras.user() : null);
	}

	@SchemaMapping(typeName = "UnifiedFlash", field = "identification")
	CompletableFuture<FlashIdentificationInfo> identification(UnifiedFlash flash,
			DataLoader<String, Extras> unifiedExtras) {
		return unifiedExtras.load(flash.flash_id())
			.thenApply((extras) -> (extras != null) ? extras.identification() : null);
	}

	private Map<String, Extras> extras(Set<String> flashIds) {
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
