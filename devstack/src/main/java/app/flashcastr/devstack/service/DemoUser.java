package app.flashcastr.devstack.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import app.flashcastr.neynar.SignerCipher;

/**
 * The one registered user the devstack seeds, so a newcomer sees a flash go all the way
 * to a cast: a Paris player of the feed simulator with auto-cast on and a signer the
 * Neynar simulator has approved.
 */
public final class DemoUser {

	/** The Flash Invaders player (every Paris flash of the feed simulator is theirs). */
	public static final String PLAYER = "LouvreLina";

	/** The Farcaster account. */
	public static final int FID = 20_001;

	/** The Farcaster username the Neynar simulator gives the account. */
	public static final String FARCASTER_USERNAME = "louvre-lina";

	private DemoUser() {
	}

	/**
	 * Registers the demo user (again): signer stored encrypted as the API stores it,
	 * auto-cast on. Needs the schema, so it runs once a service has migrated.
	 * @param databaseUrl the services' {@code DATABASE_URL}
	 * @param secrets the local secrets (signer key and demo signer)
	 * @throws SQLException when the database refuses
	 */
	public static void seed(String databaseUrl, DevSecrets secrets) throws SQLException {
		String signer = new SignerCipher(secrets.signerEncryptionKey()).encrypt(secrets.demoSignerUuid());
		try (Connection connection = DevDatabase.connect(databaseUrl);
				PreparedStatement upsert = connection.prepareStatement("""
						INSERT INTO flashcastr_users (fid, username, signer_uuid, auto_cast, deleted)
						VALUES (?, ?, ?, TRUE, FALSE)
						ON CONFLICT (fid) DO UPDATE SET username = EXCLUDED.username,
						    signer_uuid = EXCLUDED.signer_uuid, auto_cast = TRUE, deleted = FALSE
						""")) {
			upsert.setInt(1, FID);
			upsert.setString(2, PLAYER);
			upsert.setString(3, signer);
			upsert.executeUpdate();
		}
	}

}
