package app.flashcastr.simulators.neynar;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.HexFormat;

import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Verifies a Farcaster {@code SignedKeyRequest} EIP-712 signature the way the on-chain
 * SignedKeyRequestValidator does. The typed-data hash is spelled out here (not built with
 * web3j's {@code StructuredDataEncoder}, which the API signs with) so that the simulator
 * is an independent check of the API's encoding.
 */
final class SignedKeyRequests {

	static final String DOMAIN_NAME = "Farcaster SignedKeyRequestValidator";

	static final String DOMAIN_VERSION = "1";

	static final long CHAIN_ID = 10;

	static final String VERIFYING_CONTRACT = "0x00000000FC700472606ED4fA22623Acf62c60553";

	private static final byte[] DOMAIN_TYPE_HASH = keccak(
			"EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

	private static final byte[] REQUEST_TYPE_HASH = keccak(
			"SignedKeyRequest(uint256 requestFid,bytes key,uint256 deadline)");

	private static final byte[] DOMAIN_SEPARATOR = Hash
		.sha3(concat(DOMAIN_TYPE_HASH, keccak(DOMAIN_NAME), keccak(DOMAIN_VERSION),
				uint256(BigInteger.valueOf(CHAIN_ID)), uint256(Numeric.toBigInt(VERIFYING_CONTRACT))));

	private SignedKeyRequests() {
	}

	/** The EIP-712 digest the app account signs: keccak(0x1901 ‖ domain ‖ struct). */
	static byte[] digest(long requestFid, byte[] key, long deadline) {
		byte[] struct = Hash.sha3(concat(REQUEST_TYPE_HASH, uint256(BigInteger.valueOf(requestFid)), Hash.sha3(key),
				uint256(BigInteger.valueOf(deadline))));
		return Hash.sha3(concat(new byte[] { 0x19, 0x01 }, DOMAIN_SEPARATOR, struct));
	}

	/**
	 * The address that signed the request.
	 * @param signature 65 bytes {@code r ‖ s ‖ v}, v in {0, 1, 27, 28}
	 * @return the signer's address, {@code 0x} and 40 lower-case hex digits
	 * @throws IllegalArgumentException if the signature is malformed or recovers no key
	 */
	static String recoverSigner(long requestFid, byte[] key, long deadline, byte[] signature) {
		if (signature.length != 65) {
			throw new IllegalArgumentException("signature must be 65 bytes, got " + signature.length);
		}
		byte v = signature[64];
		if (v == 0 || v == 1) {
			v += 27;
		}
		if (v != 27 && v != 28) {
			throw new IllegalArgumentException("signature v must be 27 or 28");
		}
		Sign.SignatureData data = new Sign.SignatureData(v, Arrays.copyOfRange(signature, 0, 32),
				Arrays.copyOfRange(signature, 32, 64));
		try {
			BigInteger publicKey = Sign.signedMessageHashToKey(digest(requestFid, key, deadline), data);
			return "0x" + Keys.getAddress(publicKey).toLowerCase();
		}
		catch (SignatureException | RuntimeException ex) {
			throw new IllegalArgumentException("signature recovers no key");
		}
	}

	static byte[] hex(String value, String field) {
		if (value == null || !value.matches("(0x)?([0-9a-fA-F]{2})+")) {
			throw new IllegalArgumentException("'" + field + "' must be 0x-prefixed hex");
		}
		return HexFormat.of().parseHex(Numeric.cleanHexPrefix(value));
	}

	private static byte[] keccak(String text) {
		return Hash.sha3(text.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] uint256(BigInteger value) {
		return Numeric.toBytesPadded(value, 32);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
