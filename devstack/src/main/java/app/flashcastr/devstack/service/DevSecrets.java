package app.flashcastr.devstack.service;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;
import java.util.UUID;

/**
 * Secrets of the local run, generated on first use into
 * {@code .devstack/secrets.properties} (owner-only, ignored by git) and reused
 * afterwards, so signers encrypted yesterday still decrypt today. Nothing secret lives in
 * the repository.
 *
 * @param apiKey the API's {@code X-API-KEY}
 * @param signerEncryptionKey the AES-256 key (64 hex characters) for stored signers
 * @param demoSignerUuid the seeded demo user's signer, approved in the Neynar simulator
 * @param managementToken {@code MANAGEMENT_TOKEN}: the Bearer token writes on the
 * management ports (backfill, dead-letter redrive) need
 */
public record DevSecrets(String apiKey, String signerEncryptionKey, String demoSignerUuid, String managementToken) {

	private static final SecureRandom random = new SecureRandom();

	/** Reads the secrets of this state directory, creating them the first time. */
	public static synchronized DevSecrets in(Path stateDirectory) {
		Path file = stateDirectory.resolve("secrets.properties");
		try {
			Properties properties = new Properties();
			if (Files.exists(file)) {
				try (Reader reader = Files.newBufferedReader(file)) {
					properties.load(reader);
				}
			}
			boolean changed = properties.putIfAbsent("API_KEY", hex(16)) == null;
			changed |= properties.putIfAbsent("SIGNER_ENCRYPTION_KEY", hex(32)) == null;
			changed |= properties.putIfAbsent("DEMO_SIGNER_UUID", UUID.randomUUID().toString()) == null;
			// Added later: an older secrets file gains it on the next run.
			changed |= properties.putIfAbsent("MANAGEMENT_TOKEN", hex(16)) == null;
			if (changed) {
				Files.createDirectories(stateDirectory);
				try (Writer writer = Files.newBufferedWriter(file)) {
					properties.store(writer, "devstack secrets: local only, generated on first run");
				}
				try {
					Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
				}
				catch (UnsupportedOperationException ex) {
					// Not a POSIX file system: the file stays with the default
					// permissions.
				}
			}
			return new DevSecrets(properties.getProperty("API_KEY"), properties.getProperty("SIGNER_ENCRYPTION_KEY"),
					properties.getProperty("DEMO_SIGNER_UUID"), properties.getProperty("MANAGEMENT_TOKEN"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read or write " + file, ex);
		}
	}

	private static String hex(int bytes) {
		byte[] value = new byte[bytes];
		random.nextBytes(value);
		return HexFormat.of().formatHex(value);
	}

	@Override
	public String toString() {
		return "DevSecrets[masked]";
	}

}
