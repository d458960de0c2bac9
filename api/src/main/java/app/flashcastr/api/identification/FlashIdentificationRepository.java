package app.flashcastr.api.identification;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.flashcastr.api.metrics.QueryTimer;

/** SQL over {@code flash_identifications}. */
@Repository
class FlashIdentificationRepository {

	private static final String COLUMNS = "id, source_ipfs_cid, matched_flash_id, matched_flash_name, similarity, "
			+ "confidence, created_at";

	private static final RowMapper<FlashIdentification> ROW = (rs, row) -> new FlashIdentification(rs.getInt("id"),
			rs.getString("source_ipfs_cid"), rs.getString("matched_flash_id"), rs.getString("matched_flash_name"),
			rs.getDouble("similarity"), rs.getDouble("confidence"),
			iso(rs.getObject("created_at", LocalDateTime.class)));

	private final JdbcClient jdbc;

	private final QueryTimer timer;

	FlashIdentificationRepository(JdbcClient jdbc, QueryTimer timer) {
		this.jdbc = jdbc;
		this.timer = timer;
	}

	/**
	 * Identifications, newest first.
	 * @param ipfsCid the identified image's CID, or null/blank for any
	 * @param matchedFlashId the matched flash, or null for any
	 * @param limit how many at most
	 * @return the identifications
	 */
	List<FlashIdentification> identifications(String ipfsCid, Long matchedFlashId, int limit) {
		StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
			.append(" FROM flash_identifications WHERE true");
		List<Object> params = new ArrayList<>();
		if (ipfsCid != null && !ipfsCid.isBlank()) {
			sql.append(" AND source_ipfs_cid = ?");
			params.add(ipfsCid);
		}
		if (matchedFlashId != null) {
			sql.append(" AND matched_flash_id = ?");
			params.add(matchedFlashId);
		}
		sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
		params.add(limit);
		return this.timer.time("flash_identifications",
				() -> this.jdbc.sql(sql.toString()).params(params).query(ROW).list());
	}

	Optional<FlashIdentification> identification(int id) {
		return this.timer.time("flash_identification",
				() -> this.jdbc.sql("SELECT " + COLUMNS + " FROM flash_identifications WHERE id = ?")
					.param(id)
					.query(ROW)
					.optional());
	}

	/**
	 * Stores the identification of an image, replacing an earlier one of the same image.
	 * @param matchedFlashName null when unknown
	 * @return the stored row
	 */
	FlashIdentification save(String sourceIpfsCid, long matchedFlashId, String matchedFlashName, double similarity,
			double confidence) {
		return this.timer.time("save_flash_identification", () -> this.jdbc.sql("""
				INSERT INTO flash_identifications (source_ipfs_cid, matched_flash_id, matched_flash_name, similarity,
				                                   confidence, created_at)
				VALUES (?, ?, ?, ?, ?, now() AT TIME ZONE 'UTC')
				ON CONFLICT (source_ipfs_cid) DO UPDATE SET matched_flash_id = EXCLUDED.matched_flash_id,
				    matched_flash_name = EXCLUDED.matched_flash_name, similarity = EXCLUDED.similarity,
				    confidence = EXCLUDED.confidence, created_at = EXCLUDED.created_at
				""" + "RETURNING " + COLUMNS)
			.params(sourceIpfsCid, matchedFlashId, matchedFlashName, similarity, confidence)
			.query(ROW)
			.single());
	}

	private static String iso(LocalDateTime value) {
		return (value != null) ? value.toInstant(ZoneOffset.UTC).toString() : null;
	}

}
