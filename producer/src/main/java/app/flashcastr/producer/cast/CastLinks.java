package app.flashcastr.producer.cast;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import app.flashcastr.contracts.messaging.FlashPinned;

/**
 * The cast state of users' flashes in {@code flashcastr_flashes}: linking a pinned flash
 * to its registered player, taking due casts under a lease, and recording each outcome.
 */
@Repository
class CastLinks {

	private final JdbcClient jdbc;

	CastLinks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Links a pinned flash to the registered player who flashed it (case-insensitive, not
	 * deleted), once: a repeated event finds the row and changes nothing.
	 * @return whether a new link was made and whether it waits for a cast; empty when the
	 * player is not a user or the flash was linked already
	 */
	Optional<Boolean> linkPinned(FlashPinned flash) {
		// The Farcaster username and picture come from the user's newest existing link
		// (written at signup from Neynar); a cast fills the username in otherwise.
		return this.jdbc.sql("""
				INSERT INTO flashcastr_flashes (flash_id, user_fid, user_username, user_pfp_url, cast_hash, deleted,
				    cast_pending, castable_at, next_cast_at)
				SELECT :flashId, u.fid, profile.user_username, profile.user_pfp_url, NULL, FALSE,
				    COALESCE(u.auto_cast, FALSE), :pinnedAt, now()
				FROM flashcastr_users u
				LEFT JOIN LATERAL (
				    SELECT ff.user_username, ff.user_pfp_url FROM flashcastr_flashes ff
				    WHERE ff.user_fid = u.fid AND ff.user_username IS NOT NULL ORDER BY ff.id DESC LIMIT 1
				) profile ON TRUE
				WHERE LOWER(u.username) = LOWER(:player) AND NOT u.deleted
				  AND EXISTS (SELECT 1 FROM flashes f WHERE f.flash_id = :flashId)
				ORDER BY u.fid
				LIMIT 1
				ON CONFLICT (flash_id) DO NOTHING
				RETURNING cast_pending
				""")
			.param("flashId", flash.flashId())
			.param("player", flash.player())
			.param("pinnedAt", Timestamp.from((flash.pinnedAt() != null) ? flash.pinnedAt() : Instant.now()))
			.query(Boolean.class)
			.optional();
	}

	/**
	 * Takes due casts (pending, no hash, CID present, user still casting, flash within
	 * the look-back) and leases them so no other worker or replica takes them meanwhile.
	 * @param flashId only this flash, or null for any
	 */
	@Transactional
	List<DueCast> takeDue(Long flashId, int limit, Duration lookBack, Duration lease) {
		return this.jdbc.sql("""
				UPDATE flashcastr_flashes ff SET next_cast_at = now() + make_interval(secs => :leaseSeconds)
				FROM flashes f, flashcastr_users u
				WHERE ff.flash_id IN (
				    SELECT due.flash_id FROM flashcastr_flashes due
				    JOIN flashes df ON df.flash_id = due.flash_id
				    JOIN flashcastr_users du ON du.fid = due.user_fid
				    WHERE due.cast_pending AND due.cast_hash IS NULL AND NOT due.deleted
				      AND (due.next_cast_at IS NULL OR due.next_cast_at <= now())
				      AND (CAST(:flashId AS BIGINT) IS NULL OR due.flash_id = :flashId)
				      AND du.auto_cast AND NOT du.deleted
				      AND df.ipfs_cid IS NOT NULL AND df.ipfs_cid <> ''
				      AND df.timestamp > (now() AT TIME ZONE 'UTC') - make_interval(secs => :lookBackSeconds)
				    ORDER BY due.next_cast_at NULLS FIRST, due.flash_id
				    LIMIT :limit
				    FOR UPDATE OF due SKIP LOCKED)
				  AND f.flash_id = ff.flash_id AND u.fid = ff.user_fid
				RETURNING ff.flash_id, f.city, u.fid, u.signer_uuid, ff.castable_at, ff.cast_attempts
				""")
			.param("leaseSeconds", lease.toSeconds())
			.param("flashId", flashId)
			.param("limit", limit)
			.param("lookBackSeconds", lookBack.toSeconds())
			.query((rs, row) -> {
				Timestamp castable = rs.getTimestamp("castable_at");
				return new DueCast(rs.getLong("flash_id"), rs.getString("city"), rs.getInt("fid"),
						rs.getString("signer_uuid"), (castable != null) ? castable.toInstant() : null,
						rs.getInt("cast_attempts"));
			})
			.list();
	}

	/** Stores the cast: the flash is done. */
	void cast(long flashId, String castHash, String farcasterUsername) {
		this.jdbc.sql("""
				UPDATE flashcastr_flashes SET cast_hash = :hash, cast_pending = FALSE, next_cast_at = NULL,
				    cast_attempts = cast_attempts + 1, last_cast_error = NULL,
				    user_username = COALESCE(user_username, :username)
				WHERE flash_id = :flashId
				""").param("hash", castHash).param("username", farcasterUsername).param("flashId", flashId).update();
	}

	/** A failed attempt: try again after {@code wait} (by the database's clock). */
	void failed(long flashId, String error, Duration wait) {
		this.jdbc.sql("""
				UPDATE flashcastr_flashes SET cast_attempts = cast_attempts + 1, last_cast_error = :error,
				    next_cast_at = now() + make_interval(secs => :waitSeconds)
				WHERE flash_id = :flashId AND cast_hash IS NULL
				""")
			.param("error", error)
			.param("waitSeconds", wait.toMillis() / 1000.0)
			.param("flashId", flashId)
			.update();
	}

	/** Gives leased casts back untried, due after {@code wait} (casting paused). */
	void release(List<Long> flashIds, Duration wait) {
		if (flashIds.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				UPDATE flashcastr_flashes SET next_cast_at = now() + make_interval(secs => :waitSeconds)
				WHERE flash_id IN (:ids) AND cast_hash IS NULL
				""").param("waitSeconds", wait.toMillis() / 1000.0).param("ids", flashIds).update();
	}

	/**
	 * Turns auto-cast off for a user whose signer Neynar refuses, and stops their pending
	 * casts.
	 * @return true when this call turned it off (so it is logged and counted once)
	 */
	@Transactional
	boolean stopCasting(int fid, String reason) {
		int changed = this.jdbc.sql("UPDATE flashcastr_users SET auto_cast = FALSE WHERE fid = :fid AND auto_cast")
			.param("fid", fid)
			.update();
		this.jdbc.sql("""
				UPDATE flashcastr_flashes SET cast_pending = FALSE, next_cast_at = NULL, last_cast_error = :reason
				WHERE user_fid = :fid AND cast_pending AND cast_hash IS NULL
				""").param("reason", reason).param("fid", fid).update();
		return changed > 0;
	}

	/** Casts waiting (pending, not given up): the backlog gauge. */
	long pending() {
		return this.jdbc.sql("SELECT count(*) FROM flashcastr_flashes WHERE cast_pending AND cast_hash IS NULL")
			.query(Long.class)
			.single();
	}

	/** A cast to make now. */
	record DueCast(long flashId, String city, int fid, String storedSigner, Instant castableAt, int attempts) {
	}

}
