package app.flashcastr.observability.management;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The secret a management write must carry, from {@code flashcastr.management.token} or
 * the environment variable {@code MANAGEMENT_TOKEN}. Only its digest is kept, so it never
 * shows in a heap dump's strings or a log; {@link #toString()} says nothing of it.
 */
final class ManagementToken {

	/** The property that holds the token. */
	static final String PROPERTY = "flashcastr.management.token";

	/** The environment variable operators set. */
	static final String ENVIRONMENT_VARIABLE = "MANAGEMENT_TOKEN";

	private final byte[] digest;

	private ManagementToken(String token) {
		this.digest = StringUtils.hasText(token) ? sha256(token.trim()) : null;
	}

	static ManagementToken from(Environment environment) {
		return new ManagementToken(
				environment.getProperty(PROPERTY, environment.getProperty(ENVIRONMENT_VARIABLE, "")));
	}

	static ManagementToken of(String token) {
		return new ManagementToken(token);
	}

	/** Whether a token is set; without one, every write is refused. */
	boolean configured() {
		return this.digest != null;
	}

	/**
	 * Compares in constant time: digests of equal length, compared with
	 * {@link MessageDigest#isEqual}, so neither the length nor a prefix leaks.
	 * @param presented the token a caller sent
	 * @return whether it is this token
	 */
	boolean matches(String presented) {
		return this.digest != null && presented != null && MessageDigest.isEqual(this.digest, sha256(presented));
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	@Override
	public String toString() {
		return configured() ? "ManagementToken[set]" : "ManagementToken[unset]";
	}

}
