package app.flashcastr.simulators.ipfs;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CidTests {

	private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

	@Test
	void base58MatchesKnownVectors() {
		assertThat(Cid.base58("hello world".getBytes(StandardCharsets.US_ASCII))).isEqualTo("StV1DL6CwTryKyV");
		assertThat(Cid.base58("Hello World!".getBytes(StandardCharsets.US_ASCII))).isEqualTo("2NEpo7TZRRrLZSi2U");
		assertThat(Cid.base58(new byte[] { 0, 0, 1 })).isEqualTo("112");
		assertThat(Cid.base58(new byte[0])).isEmpty();
	}

	@Test
	void base58RoundTripsEveryLengthAndLeadingZeros() {
		java.util.Random random = new java.util.Random(58);
		for (int length = 0; length <= 40; length++) {
			for (int leadingZeros = 0; leadingZeros <= Math.min(length, 3); leadingZeros++) {
				byte[] input = new byte[length];
				random.nextBytes(input);
				java.util.Arrays.fill(input, 0, leadingZeros, (byte) 0);
				String encoded = Cid.base58(input);

				assertThat(decode(encoded)).as("%d bytes, %d leading zeros", length, leadingZeros).isEqualTo(input);
			}
		}
	}

	@Test
	void cidIsAWellFormedCidV0OfTheContent() throws Exception {
		byte[] content = "an invader".getBytes(StandardCharsets.UTF_8);

		String cid = IpfsSimulator.cidOf(content);

		assertThat(cid).hasSize(46).startsWith("Qm").matches("[" + ALPHABET + "]+");
		byte[] multihash = decode(cid);
		assertThat(multihash).hasSize(34);
		assertThat(multihash[0]).isEqualTo((byte) 0x12);
		assertThat(multihash[1]).isEqualTo((byte) 0x20);
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
		assertThat(java.util.Arrays.copyOfRange(multihash, 2, 34)).isEqualTo(digest);
	}

	@Test
	void sameBytesSameCidOtherBytesOtherCid() {
		byte[] content = new byte[5000];
		content[42] = 7;

		assertThat(IpfsSimulator.cidOf(content)).isEqualTo(IpfsSimulator.cidOf(content.clone()));
		content[43] = 1;
		assertThat(IpfsSimulator.cidOf(content)).isNotEqualTo(IpfsSimulator.cidOf(new byte[5000]));
	}

	@Test
	void aSliceHashesLikeTheWholeArray() {
		byte[] content = "0123456789".getBytes(StandardCharsets.US_ASCII);

		assertThat(Cid.v0(content, 2, 5)).isEqualTo(IpfsSimulator.cidOf("23456".getBytes(StandardCharsets.US_ASCII)));
	}

	/** Independent decoder (BigInteger), so the encoder is not checked against itself. */
	/** Reference decoder (BigInteger arithmetic); each leading '1' is a zero byte. */
	private static byte[] decode(String base58) {
		int zeros = 0;
		while (zeros < base58.length() && base58.charAt(zeros) == '1') {
			zeros++;
		}
		BigInteger value = BigInteger.ZERO;
		for (char c : base58.toCharArray()) {
			value = value.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(ALPHABET.indexOf(c)));
		}
		byte[] bytes = value.signum() == 0 ? new byte[0] : value.toByteArray();
		// BigInteger adds a sign byte when the top bit is set.
		byte[] magnitude = (bytes.length > 0 && bytes[0] == 0) ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length)
				: bytes;
		byte[] decoded = new byte[zeros + magnitude.length];
		System.arraycopy(magnitude, 0, decoded, zeros, magnitude.length);
		return decoded;
	}

}
