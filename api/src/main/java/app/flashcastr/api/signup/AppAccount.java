package app.flashcastr.api.signup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;
import tools.jackson.databind.json.JsonMapper;

/**
 * The app's Farcaster account, derived from {@code FARCASTER_DEVELOPER_MNEMONIC} at
 * {@code m/44'/60'/0'/0/0} with web3j, which signs Farcaster {@code SignedKeyRequest}s
 * (EIP-712, domain "Farcaster SignedKeyRequestValidator" v1 on OP mainnet).
 */
final class AppAccount {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int HARDENED = Bip32ECKeyPair.HARDENED_BIT;

	private static final Map<String, Object> DOMAIN = Map.of("name", "Farcaster SignedKeyRequestValidator", "version",
			"1", "chainId", 10, "verifyingContract", "0x00000000FC700472606ED4fA22623Acf62c60553");

	private static final Map<String, Object> TYPES = Map.of("EIP712Domain",
			List.of(field("name", "string"), field("version", "string"), field("chainId", "uint256"),
					field("verifyingContract", "address")),
			"SignedKeyRequest",
			List.of(field("requestFid", "uint256"), field("key", "bytes"), field("deadline", "uint256")));

	private final ECKeyPair keyPair;

	private final String address;

	private AppAccount(ECKeyPair keyPair) {
		this.keyPair = keyPair;
		this.address = Keys.toChecksumAddress(Keys.getAddress(keyPair));
	}

	/**
	 * @param mnemonic a BIP-39 mnemonic
	 * @return the account at {@code m/44'/60'/0'/0/0}
	 * @throws IllegalArgumentException if the mnemonic is not valid BIP-39 (the message
	 * never shows it)
	 */
	static AppAccount fromMnemonic(String mnemonic) {
		String normalized = (mnemonic != null) ? mnemonic.trim().replaceAll("\\s+", " ") : "";
		if (normalized.isEmpty() || !MnemonicUtils.validateMnemonic(normalized)) {
			throw new IllegalArgumentException("The developer mnemonic is not a valid BIP-39 mnemonic");
		}
		Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(normalized, ""));
		return new AppAccount(
				Bip32ECKeyPair.deriveKeyPair(master, new int[] { 44 | HARDENED, 60 | HARDENED, HARDENED, 0, 0 }));
	}

	/**
	 * The custody address, EIP-55 checksummed.
	 * @return {@code 0x} and 40 hex digits
	 */
	String address() {
		return this.address;
	}

	/**
	 * Signs {@code SignedKeyRequest(uint256 requestFid, bytes key, uint256 deadline)}.
	 * @param requestFid the app's fid
	 * @param signerPublicKey the signer's public key, {@code 0x} and hex
	 * @param deadline epoch seconds
	 * @return {@code 0x} ‖ r ‖ s ‖ v (65 bytes, v 27/28)
	 */
	String signKeyRequest(int requestFid, String signerPublicKey, long deadline) {
		if (signerPublicKey == null || !signerPublicKey.matches("0x([0-9a-fA-F]{2})+")) {
			throw new IllegalArgumentException("The signer public key is not 0x-prefixed hex");
		}
		Map<String, Object> typedData = Map.of("types", TYPES, "primaryType", "SignedKeyRequest", "domain", DOMAIN,
				"message", Map.of("requestFid", requestFid, "key", signerPublicKey, "deadline", deadline));
		byte[] digest;
		try {
			digest = new StructuredDataEncoder(JSON.writeValueAsString(typedData)).hashStructuredData();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Sign.SignatureData signature = Sign.signMessage(digest, this.keyPair, false);
		byte[] bytes = new byte[65];
		System.arraycopy(signature.getR(), 0, bytes, 0, 32);
		System.arraycopy(signature.getS(), 0, bytes, 32, 32);
		bytes[64] = signature.getV()[0];
		return Numeric.toHexString(bytes);
	}

	@Override
	public String toString() {
		return "AppAccount[" + this.address + "]";
	}

	private static Map<String, String> field(String name, String type) {
		return Map.of("name", name, "type", type);
	}

}
