package app.flashcastr.simulators.neynar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP to the Neynar simulator, and EIP-712 signing with web3j's
 * {@code StructuredDataEncoder}, the way the API signs.
 */
final class NeynarTestClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final URI base;

	private final String apiKey;

	NeynarTestClient(URI base, String apiKey) {
		this.base = base;
		this.apiKey = apiKey;
	}

	HttpResponse<String> get(String pathAndQuery) {
		return send(request(pathAndQuery).GET().build());
	}

	HttpResponse<String> post(String path, Object body) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build());
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	HttpRequest.Builder request(String pathAndQuery) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + pathAndQuery))
			.timeout(Duration.ofSeconds(30));
		if (this.apiKey != null) {
			builder.header("x-api-key", this.apiKey);
		}
		return builder;
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	/** A signer registered with a valid signed key request of the dev app account. */
	JsonNode pendingSigner() {
		JsonNode signer = json(post("/v2/farcaster/signer", Map.of()));
		long deadline = System.currentTimeMillis() / 1000 + 86_400;
		String signature = sign(devKeyPair(), NeynarSimulator.DEV_APP_FID, signer.get("public_key").stringValue(),
				deadline);
		HttpResponse<String> registered = post("/v2/farcaster/signer/signed_key",
				signedKey(signer.get("signer_uuid").stringValue(), NeynarSimulator.DEV_APP_FID, deadline, signature));
		if (registered.statusCode() != 200) {
			throw new IllegalStateException("signed key refused: " + registered.body());
		}
		return json(registered);
	}

	static Map<String, Object> signedKey(String signerUuid, int appFid, long deadline, String signature) {
		return Map.of("signer_uuid", signerUuid, "app_fid", appFid, "deadline", deadline, "signature", signature,
				"sponsor", Map.of("sponsored_by_neynar", true));
	}

	static ECKeyPair devKeyPair() {
		byte[] seed = MnemonicUtils.generateSeed(NeynarSimulator.DEV_MNEMONIC, "");
		Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(seed);
		int hardened = Bip32ECKeyPair.HARDENED_BIT;
		return Bip32ECKeyPair.deriveKeyPair(master, new int[] { 44 | hardened, 60 | hardened, hardened, 0, 0 });
	}

	/** EIP-712 SignedKeyRequest signature, r ‖ s ‖ v hex, built with web3j. */
	static String sign(ECKeyPair keyPair, int appFid, String publicKey, long deadline) {
		Map<String, Object> typedData = Map.of("types",
				Map.of("EIP712Domain",
						List.of(field("name", "string"), field("version", "string"), field("chainId", "uint256"),
								field("verifyingContract", "address")),
						"SignedKeyRequest",
						List.of(field("requestFid", "uint256"), field("key", "bytes"), field("deadline", "uint256"))),
				"primaryType", "SignedKeyRequest", "domain",
				Map.of("name", "Farcaster SignedKeyRequestValidator", "version", "1", "chainId", 10,
						"verifyingContract", "0x00000000FC700472606ED4fA22623Acf62c60553"),
				"message", Map.of("requestFid", appFid, "key", publicKey, "deadline", deadline));
		try {
			byte[] digest = new StructuredDataEncoder(JSON.writeValueAsString(typedData)).hashStructuredData();
			Sign.SignatureData signature = Sign.signMessage(digest, keyPair, false);
			byte[] bytes = new byte[65];
			System.arraycopy(signature.getR(), 0, bytes, 0, 32);
			System.arraycopy(signature.getS(), 0, bytes, 32, 32);
			bytes[64] = signature.getV()[0];
			return Numeric.toHexString(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static ECKeyPair otherKeyPair() {
		return ECKeyPair.create(BigInteger.valueOf(123456789));
	}

	private static Map<String, String> field(String name, String type) {
		return Map.of("name", name, "type", type);
	}

}
