package app.flashcastr.api.signup;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a completed signup: the user and the links to the player's past flashes, in one
 * transaction.
 */
@Repository
class SignupRepository {

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	SignupRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/**
	 * Upserts the user (active, auto-cast on) and links up to {@code cap} of the player's
	 * newest flashes to them. Idempotent: polling again rewrites the same rows; an
	 * existing {@code cast_hash} is never touched.
	 * @return whether this completed a signup that was not active before, and how many
	 * links were written
	 */
	Completion complete(NewUser user, int cap) {
		return this.transaction.execute((status) -> {
			// Locks an existing row, so a concurrent poll waits and sees it active.
			Optional<Boolean> previouslyDeleted = this.jdbc
				.sql("SELECT deleted FROM flashcastr_users WHERE fid = :fid FOR UPDATE")
				.param("fid", user.fid())
				.query(Boolean.class)
				.optional();
			// xmax = 0 only for a row this statement inserted (not for an update after a
			// concurrent insert), so two first polls count one signup.
			boolean inserted = this.jdbc.sql("""
					INSERT INTO flashcastr_users (fid, username, signer_uuid, auto_cast, deleted)
					VALUES (:fid, :username, :signer, TRUE, FALSE)
					ON CONFLICT (fid) DO UPDATE SET username = EXCLUDED.username, signer_uuid = EXCLUDED.signer_uuid,
					    auto_cast = TRUE, deleted = FALSE
					RETURNING (xmax = 0) AS inserted
					""")
				.param("fid", user.fid())
				.param("username", user.playerName())
				.param("signer", user.encryptedSigner())
				.query(Boolean.class)
				.single();
			// One statement for every link; cast_hash is left out of the update on
			// purpose, so a re-signup never wipes a cast.
			int linked = this.jdbc.sql("""
					INSERT INTO flashcastr_flashes (flash_id, user_fid, user_username, user_pfp_url, cast_hash, deleted)
					SELECT f.flash_id, :fid, :farcasterUsername, :pfpUrl, NULL, FALSE
					FROM flashes f
					WHERE LOWER(f.player) = LOWER(:player)
					ORDER BY f.timestamp DESC NULLS LAST
					LIMIT :cap
					ON CONFLICT (flash_id) DO UPDATE SET deleted = FALSE, user_fid = EXCLUDED.user_fid,
					    user_username = EXCLUDED.user_username, user_pfp_url = EXCLUDED.user_pfp_url
					""")
				.param("fid", user.fid())
				.param("farcasterUsername", user.farcasterUsername())
				.param("pfpUrl", user.pfpUrl())
				.param("player", user.playerName())
				.param("cap", cap)
				.update();
			boolean newlyActive = inserted || previouslyDeleted.orElse(false);
			return new Completion(newlyActive, linked);
		});
	}

	/**
	 * A user to store.
	 *
	 * @param fid Farcaster id
	 * @param playerName the Flash Invaders player name (stored as {@code username})
	 * @param encryptedSigner the signer UUID, encrypted
	 * @param farcasterUsername the Farcaster username, for the links
	 * @param pfpUrl the Farcaster profile picture, for the links
	 */
	record NewUser(int fid, String playerName, String encryptedSigner, String farcasterUsername, String pfpUrl) {

		@Override
		public String toString() {
			return "NewUser[fid=" + this.fid + ", playerName=" + this.playerName + "]";
		}

	}

	/**
	 * @param newlyActive the user was not active before this signup
	 * @param linked links written (inserted or re-owned)
	 */
	record Completion(boolean newlyActive, int linked) {

	}

}
