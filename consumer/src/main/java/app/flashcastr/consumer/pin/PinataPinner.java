package app.flashcastr.consumer.pin;

import io.micrometer.tracing.Tracer;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

import app.flashcastr.consumer.download.DownloadedImage;

/**
 * Pinata's {@code POST /pinning/pinFileToIPFS}: {@code Authorization: Bearer <jwt>},
 * multipart {@code file} plus {@code pinataMetadata={"name":fileName}}, answered with
 * {@code {"IpfsHash","PinSize",…}}. Pinata deduplicates by content, so pinning the same
 * bytes twice is harmless. The JWT ({@code invaders.consumer.ipfs.pinata-jwt}) is never
 * logged.
 */
class PinataPinner extends HttpPinner {

	static final String PATH = "/pinning/pinFileToIPFS";

	private final String jwt;

	private final String authorization;

	PinataPinner(IpfsProperties ipfs, Tracer tracer) {
		super("pinata", endpoint(ipfs.pinataUrl(), PATH), ipfs.timeout(), tracer);
		this.jwt = requireJwt(ipfs.pinataJwt());
		this.authorization = "Bearer " + this.jwt;
	}

	@Override
	void authorize(HttpHeaders headers) {
		headers.set(HttpHeaders.AUTHORIZATION, this.authorization);
	}

	@Override
	String fields(String boundary, String fileName) {
		// fileName is already reduced to characters that need no JSON escaping.
		return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"pinataMetadata\"\r\n\r\n{\"name\":\""
				+ fileName + "\"}\r\n";
	}

	@Override
	PinnedImage parse(JsonNode answer, DownloadedImage image) {
		JsonNode size = answer.path("PinSize");
		return new PinnedImage(answer.path("IpfsHash").asString(null),
				size.isNumber() ? size.asLong() : image.bytes().length);
	}

	@Override
	String secret() {
		return this.jwt;
	}

	private static String requireJwt(String jwt) {
		if (jwt == null || jwt.isBlank()) {
			throw new IllegalStateException(
					"invaders.consumer.ipfs.pinata-jwt (PINATA_JWT) must be set when the IPFS provider is pinata");
		}
		return jwt.strip();
	}

}
