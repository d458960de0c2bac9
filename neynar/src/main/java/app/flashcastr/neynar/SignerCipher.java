package app.flashcastr.neynar;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts and decrypts a user's Neynar signer UUID exactly as upstream does
 * (A:src/utils/encrypt/encrypt.ts, node's {@code aes-256-gcm}): AES-256-GCM with a random
 * 12-byte IV, stored as {@code ivHex:authTagHex:cipherHex} (lower-case hex, the 16-byte
 * tag apart from the ciphertext), so rows written by upstream and by us are readable by
 * both. The key is {@code SIGNER_ENCRYPTION_KEY}: 64 hex characters (32 bytes).
 * Thread-safe.
 *
 * <pre class="code">
 * SignerCipher cipher = new SignerCipher(System.getenv("SIGNER_ENCRYPTION_KEY"));
 * String stored = cipher.encrypt(signerUuid);   // "3f…:9a…:c0…"
 * String signerUuid = cipher.decrypt(stored);   // SignerDecryptionException if tampered
 * </pre>
 */
public final class SignerCipher {

	static final int IV_BYTES = 12;

	static final int TAG_BYTES = 16;

	private static final String TRANSFORMATION = "AES/GCM/NoPadding";

	private static final Pattern HEX_KEY = Pattern.compile("[0-9a-fA-F]{64}");

	private static final HexFormat HEX = HexFormat.of();

	private final SecretKeySpec key;

	private final Supplier<byte[]> ivSource;

	/**
	 * @param hexKey the key as 64 hex characters (32 bytes), e.g. the value of
	 * {@code SIGNER_ENCRYPTION_KEY}
	 * @throws IllegalArgumentException if the key is missing or not 64 hex characters
	 * (the message never shows the key)
	 */
	public SignerCipher(String hexKey) {
		this(hexKey, randomIvs(new SecureRandom()));
	}

	/** For tests: a fixed IV gives a fixed, comparable output. */
	SignerCipher(String hexKey, Supplier<byte[]> ivSource) {
		if (hexKey == null || !HEX_KEY.matcher(hexKey.trim()).matches()) {
			int length = (hexKey != null) ? hexKey.trim().length() : 0;
			throw new IllegalArgumentException("The signer encryption key must be 64 hex characters (32 bytes); got "
					+ length + " characters" + ((length == 64) ? " that are not all hex digits" : ""));
		}
		this.key = new SecretKeySpec(HEX.parseHex(hexKey.trim()), "AES");
		this.ivSource = Objects.requireNonNull(ivSource, "ivSource");
	}

	/**
	 * Encrypts with a fresh random IV.
	 * @param plaintext the signer UUID
	 * @return {@code ivHex:authTagHex:cipherHex}
	 */
	public String encrypt(String plaintext) {
		Objects.requireNonNull(plaintext, "plaintext");
		byte[] iv = this.ivSource.get();
		if (iv == null || iv.length != IV_BYTES) {
			throw new IllegalStateException("The IV must be " + IV_BYTES + " bytes");
		}
		byte[] sealed;
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BYTES * 8, iv));
			sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-GCM is not available in this JVM", ex);
		}
		// The JDK appends the tag to the ciphertext; node keeps it apart, and so does the
		// stored format.
		int cipherLength = sealed.length - TAG_BYTES;
		return HEX.formatHex(iv) + ":" + HEX.formatHex(sealed, cipherLength, sealed.length) + ":"
				+ HEX.formatHex(sealed, 0, cipherLength);
	}

	/**
	 * Decrypts a stored value.
	 * @param stored {@code ivHex:authTagHex:cipherHex}
	 * @return the signer UUID
	 * @throws SignerDecryptionException if the value is malformed, was tampered with or
	 * was encrypted with another key
	 */
	public String decrypt(String stored) {
		if (stored == null) {
			throw new SignerDecryptionException("No stored signer to decrypt");
		}
		String[] parts = stored.trim().split(":", -1);
		if (parts.length != 3) {
			throw new SignerDecryptionException(
					"A stored signer must be ivHex:authTagHex:cipherHex, got " + parts.length + " part(s)");
		}
		byte[] iv = hex(parts[0], "IV");
		byte[] tag = hex(parts[1], "auth tag");
		byte[] ciphertext = hex(parts[2], "ciphertext");
		if (iv.length != IV_BYTES) {
			throw new SignerDecryptionException("The IV must be " + IV_BYTES + " bytes, got " + iv.length);
		}
		if (tag.length != TAG_BYTES) {
			throw new SignerDecryptionException("The auth tag must be " + TAG_BYTES + " bytes, got " + tag.length);
		}
		byte[] sealed = new byte[ciphertext.length + TAG_BYTES];
		System.arraycopy(ciphertext, 0, sealed, 0, ciphertext.length);
		System.arraycopy(tag, 0, sealed, ciphertext.length, TAG_BYTES);
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BYTES * 8, iv));
			return new String(cipher.doFinal(sealed), StandardCharsets.UTF_8);
		}
		catch (AEADBadTagException ex) {
			throw new SignerDecryptionException(
					"The stored signer failed authentication: tampered with, or encrypted with another key", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new SignerDecryptionException("The stored signer cannot be decrypted", ex);
		}
	}

	@Override
	public String toString() {
		return "SignerCipher[AES-256-GCM]";
	}

	private static byte[] hex(String value, String part) {
		try {
			return HEX.parseHex(value);
		}
		catch (IllegalArgumentException ex) {
			throw new SignerDecryptionException("The " + part + " of the stored signer is not hex");
		}
	}

	private static Supplier<byte[]> randomIvs(SecureRandom random) {
		return () -> {
			byte[] iv = new byte[IV_BYTES];
			random.nextBytes(iv);
			return iv;
		};
	}

}
