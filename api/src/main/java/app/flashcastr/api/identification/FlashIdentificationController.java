package app.flashcastr.api.identification;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingEnvironment;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;

import app.flashcastr.api.auth.ApiKeys;
import app.flashcastr.api.errors.ApiErrorType;
import app.flashcastr.api.errors.ApiException;
import app.flashcastr.api.flash.Flash;
import app.flashcastr.api.flash.FlashRepository;
import app.flashcastr.api.flash.FlashRows;
import app.flashcastr.api.metrics.QueryTimer;
import app.flashcastr.api.paging.Paging;

/**
 * Queries {@code flashIdentifications} and {@code flashIdentification}, the batched
 * {@code FlashIdentification.matched_flash}, and the API-key protected mutation
 * {@code saveFlashIdentification} (public upstream).
 */
@Controller
class FlashIdentificationController {

	private static final String COLUMNS = "id, source_ipfs_cid, matched_flash_id, matched_flash_name, similarity, "
			+ "confidence, created_at";

	private static final RowMapper<FlashIdentification> ROW = (rs, row) -> new FlashIdentification(rs.getInt("id"),
			rs.getString("source_ipfs_cid"), rs.getString("matched_flash_id"), rs.getString("matched_flash_name"),
			rs.getDouble("similarity"), rs.getDouble("confidence"),
			iso(rs.getObject("created_at", LocalDateTime.class)));

	private final JdbcClient jdbc;

	private final QueryTimer timer;

	private final FlashRepository flashes;

	private final Paging paging;

	private final ApiKeys apiKeys;

	FlashIdentificationController(JdbcClient jdbc, QueryTimer timer, FlashRepository flashes, Paging paging,
			ApiKeys apiKeys) {
		this.jdbc = jdbc;
		this.timer = timer;
		this.flashes = flashes;
		this.paging = paging;
		this.apiKeys = apiKeys;
	}

	@QueryMapping
	List<FlashIdentification> flashIdentifications(@Argument("ipfs_cid") String ipfsCid,
			@Argument("matched_flash_id") String matchedFlashId, @Argument Integer limit) {
		StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
			.append(" FROM flash_identifications WHERE true");
		List<Object> params = new ArrayList<>();
		if (ipfsCid != null && !ipfsCid.isBlank()) {
			sql.append(" AND source_ipfs_cid = ?");
			params.add(ipfsCid);
		}
		if (matchedFlashId != null && !matchedFlashId.isBlank()) {
			sql.append(" AND matched_flash_id = ?");
			params.add(FlashRows.parseFlashId(matchedFlashId, "matched_flash_id"));
		}
		sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
		params.add(this.paging.clampLimit(limit, 50));
		return this.timer.time("flash_identifications",
				() -> this.jdbc.sql(sql.toString()).params(params).query(ROW).list());
	}

	@QueryMapping
	FlashIdentification flashIdentification(@Argument int id) {
		return this.timer.time("flash_identification",
				() -> this.jdbc.sql("SELECT " + COLUMNS + " FROM flash_identifications WHERE id = ?")
					.param(id)
					.query(ROW)
					.optional()
					.orElse(null));
	}

	/** The matched flash when it is a row of {@code flashes}: one query per request. */
	@BatchMapping(typeName = "FlashIdentification", field = "matched_flash")
	Map<FlashIdentification, Flash> matchedFlash(List<FlashIdentification> identifications) {
		Map<Long, Flash> found = this.flashes.flashesById(identifications.stream()
			.map((identification) -> Long.valueOf(identification.matched_flash_id()))
			.toList());
		Map<FlashIdentification, Flash> result = new LinkedHashMap<>();
		for (FlashIdentification identification : identifications) {
			Flash flash = found.get(Long.valueOf(identification.matched_flash_id()));
			if (flash != null) {
				result.put(identification, flash);
			}
		}
		return result;
	}

	@MutationMapping
	FlashIdentification saveFlashIdentification(@Argument("source_ipfs_cid") String sourceIpfsCid,
			@Argument("matched_flash_id") String matchedFlashId,
			@Argument("matched_flash_name") String matchedFlashName, @Argument double similarity,
			@Argument double confidence, DataFetchingEnvironment env) {
		this.apiKeys.require(env);
		if (sourceIpfsCid.isBlank() || sourceIpfsCid.length() > 200) {
			throw new ApiException(ApiErrorType.BAD_USER_INPUT, "source_ipfs_cid must be 1 to 200 characters");
		}
		if (!Double.isFinite(similarity) || !Double.isFinite(confidence)) {
			throw new ApiException(ApiErrorType.BAD_USER_INPUT, "similarity and confidence must be finite numbers");
		}
		long matched = FlashRows.parseFlashId(matchedFlashId, "matched_flash_id");
		String name = (matchedFlashName != null && !matchedFlashName.isBlank()) ? matchedFlashName : null;
		return this.timer.time("save_flash_identification", () -> this.jdbc.sql("""
				INSERT INTO flash_identifications (source_ipfs_cid, matched_flash_id, matched_flash_name, similarity,
				                                   confidence, created_at)
				VALUES (?, ?, ?, ?, ?, now() AT TIME ZONE 'UTC')
				ON CONFLICT (source_ipfs_cid) DO UPDATE SET matched_flash_id = EXCLUDED.matched_flash_id,
				    matched_flash_name = EXCLUDED.matched_flash_name, similarity = EXCLUDED.similarity,
				    confidence = EXCLUDED.confidence, created_at = EXCLUDED.created_at
				""" + "RETURNING " + COLUMNS)
			.params(sourceIpfsCid, matched, name, similarity, confidence)
			.query(ROW)
			.single());
	}

	private static String iso(LocalDateTime value) {
		return (value != null) ? value.toInstant(ZoneOffset.UTC).toString() : null;
	}

}
