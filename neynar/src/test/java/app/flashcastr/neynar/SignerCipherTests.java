package app.flashcastr.neynar;

import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SignerCipherTests {

	private static final String KEY = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

	private static final String SIGNER = "5f3c1b2a-8d4e-4f6a-9b7c-0123456789ab";

	/** Computed once with node's crypto (createCipheriv('aes-256-gcm'), as upstream). */
	private static final String NODE_VECTOR = "a1a2a3a4a5a6a7a8a9aaabac:655063fd9ab6567650250e34235155b6:"
			+ "1389b40cc5370c0ea346d64431eff81554f60716157237aad2ae0563502d51e12bbdc799";

	private final SignerCipher cipher = new SignerCipher(KEY);

	@Test
	void roundTripsWithAFreshIvEachTime() {
		String uuid = UUID.randomUUID().toString();
		String first = this.cipher.encrypt(uuid);
		String second = this.cipher.encrypt(uuid);
		assertThat(first).matches("[0-9a-f]{24}:[0-9a-f]{32}:[0-9a-f]{72}").isNotEqualTo(second);
		assertThat(this.cipher.decrypt(first)).isEqualTo(uuid);
		assertThat(this.cipher.decrypt(second)).isEqualTo(uuid);
	}

	@Test
	void matchesNodesOutputForAKnownIv() {
		SignerCipher fixed = new SignerCipher(KEY, () -> HexFormat.of().parseHex("a1a2a3a4a5a6a7a8a9aaabac"));
		assertThat(fixed.encrypt(SIGNER)).isEqualTo(NODE_VECTOR);
		assertThat(this.cipher.decrypt(NODE_VECTOR)).isEqualTo(SIGNER);
		assertThat(new SignerCipher(KEY.toUpperCase()).decrypt(NODE_VECTOR.toUpperCase())).isEqualTo(SIGNER);
	}

	@Test
	void detectsTampering() {
		String stored = this.cipher.encrypt(SIGNER);
		String[] parts = stored.split(":");
		String flippedCipher = parts[0] + ":" + parts[1] + ":" + flipFirst(parts[2]);
		String flippedTag = parts[0] + ":" + flipFirst(parts[1]) + ":" + parts[2];
		String flippedIv = flipFirst(parts[0]) + ":" + parts[1] + ":" + parts[2];
		for (String tampered : new String[] { flippedCipher, flippedTag, flippedIv }) {
			assertThatExceptionOfType(SignerDecryptionException.class).isThrownBy(() -> this.cipher.decrypt(tampered))
				.withMessageContaining("failed authentication");
		}
		SignerCipher otherKey = new SignerCipher("ff" + KEY.substring(2));
		assertThatExceptionOfType(SignerDecryptionException.class).isThrownBy(() -> otherKey.decrypt(stored));
	}

	@Test
	void rejectsMalformedStoredValuesWithoutEchoingThem() {
		assertThatExceptionOfType(SignerDecryptionException.class).isThrownBy(() -> this.cipher.decrypt(SIGNER))
			.withMessageNotContaining(SIGNER);
		assertThatExceptionOfType(SignerDecryptionException.class)
			.isThrownBy(() -> this.cipher.decrypt("zz:00112233445566778899aabbccddeeff:00"));
		assertThatExceptionOfType(SignerDecryptionException.class)
			.isThrownBy(() -> this.cipher.decrypt("00:00112233445566778899aabbccddeeff:00"))
			.withMessageContaining("IV must be 12 bytes");
		assertThatExceptionOfType(SignerDecryptionException.class).isThrownBy(() -> this.cipher.decrypt(null));
	}

	@Test
	void rejectsBadKeysWithoutEchoingThem() {
		String secretLooking = "not-a-key-but-a-secret";
		assertThatIllegalArgumentException().isThrownBy(() -> new SignerCipher(secretLooking))
			.withMessageContaining("64 hex characters")
			.withMessageNotContaining(secretLooking);
		assertThatIllegalArgumentException().isThrownBy(() -> new SignerCipher(KEY.substring(2)));
		assertThatIllegalArgumentException().isThrownBy(() -> new SignerCipher("g" + KEY.substring(1)))
			.withMessageContaining("not all hex digits");
		assertThatIllegalArgumentException().isThrownBy(() -> new SignerCipher(null));
	}

	private static String flipFirst(String hex) {
		char flipped = (hex.charAt(0) == '0') ? '1' : '0';
		return flipped + hex.substring(1);
	}

}
