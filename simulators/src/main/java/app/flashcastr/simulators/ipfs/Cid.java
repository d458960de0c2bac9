package app.flashcastr.simulators.ipfs;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Content-derived CIDv0: base58btc of the sha2-256 multihash ({@code 0x12 0x20} then the
 * digest) of the bytes. Real IPFS hashes the UnixFS DAG rather than the raw bytes, so the
 * value differs from a real node's, but it has the same shape and is just as stable.
 */
final class Cid {

	private static final char[] BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();

	private static final long BASE58_POW5 = 58L * 58 * 58 * 58 * 58;

	private static final byte SHA2_256 = 0x12;

	private static final byte DIGEST_LENGTH = 0x20;

	private Cid() {
	}

	static String v0(byte[] content) {
		return v0(content, 0, content.length);
	}

	static String v0(byte[] content, int offset, int length) {
		MessageDigest sha256;
		try {
			sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
		sha256.update(content, offset, length);
		byte[] multihash = new byte[2 + DIGEST_LENGTH];
		multihash[0] = SHA2_256;
		multihash[1] = DIGEST_LENGTH;
		System.arraycopy(sha256.digest(), 0, multihash, 2, DIGEST_LENGTH);
		return base58(multihash);
	}

	/**
	 * Base58 (Bitcoin alphabet): repeated division of the big-endian number by 58^5, five
	 * digits per pass over 32-bit limbs (a pass per digit over bytes cost more than the
	 * SHA-256 of the image).
	 */
	static String base58(byte[] input) {
		int zeros = 0;
		while (zeros < input.length && input[zeros] == 0) {
			zeros++;
		}
		// Big-endian 32-bit limbs, the first one holding the leftover high bytes.
		int[] limbs = new int[(input.length + 3) / 4];
		int first = input.length % 4;
		for (int i = 0; i < input.length; i++) {
			int limb = (i + ((first == 0) ? 0 : 4 - first)) / 4;
			limbs[limb] = (limbs[limb] << 8) | (input[i] & 0xFF);
		}
		// log(256) / log(58) < 1.37, so 2 digits per byte is always enough.
		char[] digits = new char[input.length * 2 + 5];
		int out = digits.length;
		int start = 0;
		while (start < limbs.length && limbs[start] == 0) {
			start++;
		}
		while (start < limbs.length) {
			long remainder = 0;
			for (int i = start; i < limbs.length; i++) {
				long value = (remainder << 32) | (limbs[i] & 0xFFFFFFFFL);
				limbs[i] = (int) (value / BASE58_POW5);
				remainder = value % BASE58_POW5;
			}
			while (start < limbs.length && limbs[start] == 0) {
				start++;
			}
			// Five digits of this chunk, low first; the most significant chunk without
			// its
			// leading zeros.
			for (int d = 0; d < 5 && (remainder > 0 || start < limbs.length); d++) {
				digits[--out] = BASE58[(int) (remainder % 58)];
				remainder /= 58;
			}
		}
		// Each leading zero byte is written as a leading '1'.
		for (int i = 0; i < zeros; i++) {
			digits[--out] = BASE58[0];
		}
		return new String(digits, out, digits.length - out);
	}

}
