package app.flashcastr.producer.cast;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import app.flashcastr.neynar.NeynarHttp;
import app.flashcastr.neynar.NeynarProperties;

/**
 * The producer's two Neynar calls: publish a cast as a user, and look up a signer when
 * Neynar refuses one.
 */
@Component
class NeynarCasts {

	private final NeynarHttp http;

	NeynarCasts(NeynarProperties properties, RestClient.Builder builder) {
		this.http = new NeynarHttp(properties, builder);
	}

	/**
	 * {@code POST /v2/farcaster/cast} with an idempotency key: Neynar answers a repeated
	 * key with the cast it already made, so a retry never posts twice.
	 * @return the cast's hash and author username
	 */
	PublishedCast publish(String signerUuid, String text, String embedUrl, String channel, String idem) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("signer_uuid", signerUuid);
		body.put("text", text);
		body.put("embeds", List.of(Map.of("url", embedUrl)));
		body.put("channel_id", channel);
		body.put("idem", idem);
		return this.http.call("publishCast",
				(client) -> client.post().uri("/v2/farcaster/cast").contentType(MediaType.APPLICATION_JSON).body(body),
				null, NeynarCasts::parseCast);
	}

	/**
	 * {@code GET /v2/farcaster/signer}: the signer's status, e.g. {@code approved} or
	 * {@code revoked}; {@code unknown} when Neynar has no such signer.
	 */
	String signerStatus(String signerUuid) {
		return this.http.call("lookupSigner",
				(client) -> client.get().uri("/v2/farcaster/signer?signer_uuid={uuid}", signerUuid), "unknown",
				(json) -> {
					String status = NeynarHttp.text(json, "status");
					if (status == null) {
						throw new IllegalArgumentException("signer without status");
					}
					return status;
				});
	}

	/**
	 * The idempotency key of a flash's cast: the same for every attempt, 16 hex digits
	 * (Neynar's recommended length).
	 */
	static String idemFor(long flashId) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(("flashcastr-cast:" + flashId).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	private static PublishedCast parseCast(JsonNode json) {
		JsonNode cast = json.path("cast");
		String hash = NeynarHttp.text(cast, "hash");
		if (hash == null || hash.isBlank()) {
			throw new IllegalArgumentException("cast without hash");
		}
		return new PublishedCast(hash, NeynarHttp.text(cast.path("author"), "username"));
	}

	/** A cast Neynar accepted. */
	record PublishedCast(String hash, String authorUsername) {
	}

}
