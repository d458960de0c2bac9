package app.flashcastr.consumer.pin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.tracing.Tracer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpResponse;

import app.flashcastr.consumer.outbound.OutboundHttp;
import app.flashcastr.observability.logging.Causes;
import app.flashcastr.contracts.retry.RetryAfter;
import app.flashcastr.consumer.download.DownloadedImage;

/**
 * One multipart upload per pin over a shared keep-alive client, traced as a client span,
 * and what Pinata and Kubo have in common: the body is written straight from the image's
 * bytes (no copy into a form object), a 2xx must carry a well-formed CID, and errors are
 * classified for the retry loop and breaker ({@link PinFailure}).
 */
abstract class HttpPinner implements IpfsPinner {

	private static final ObjectReader JSON = JsonMapper.builder().build().readerFor(JsonNode.class);

	/**
	 * Pin answers are a few hundred bytes; anything past this is not an answer we can
	 * use.
	 */
	private static final int MAX_ANSWER = 64 * 1024;

	private static final int MAX_EXCERPT = 200;

	private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private static final HexFormat HEX = HexFormat.of();

	private final String provider;

	private final URI endpoint;

	private final OutboundHttp http;

	HttpPinner(String provider, URI endpoint, Duration timeout, Tracer tracer) {
		this.provider = provider;
		this.endpoint = endpoint;
		this.http = new OutboundHttp(provider,
				(timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0) ? timeout : MAX_CONNECT_TIMEOUT, timeout, tracer);
	}

	@Override
	public final PinnedImage pin(DownloadedImage image) {
		// Random per call: 128 bits that cannot plausibly occur in the image.
		String boundary = "flashcastr-" + HEX.toHexDigits(ThreadLocalRandom.current().nextLong())
				+ HEX.toHexDigits(ThreadLocalRandom.current().nextLong());
		String fileName = safeFileName(image.fileName());
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: " + image.contentType() + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] tail = ("\r\n" + fields(boundary, fileName) + "--" + boundary + "--\r\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] bytes = image.bytes();
		HttpHeaders headers = new HttpHeaders();
		authorize(headers);
		headers.set(HttpHeaders.ACCEPT, "application/json");
		try {
			return this.http.exchange("POST", this.endpoint, headers,
					new OutboundHttp.Body("multipart/form-data; boundary=" + boundary, head, bytes, tail),
					(response) -> answer(response, image));
		}
		catch (OutboundHttp.Unreachable ex) {
			// Timeouts, refused connections and I/O errors.
			throw new PinFailure(this.provider + " unreachable: " + Causes.describe(ex), 0, null, false, ex);
		}
	}

	@Override
	public final String provider() {
		return this.provider;
	}

	/** Adds the service's credentials, if any. */
	void authorize(HttpHeaders headers) {
	}

	/** Form fields sent after the file, each ending with CRLF; none by default. */
	String fields(String boundary, String fileName) {
		return "";
	}

	/** The CID and size out of a 2xx answer. */
	abstract PinnedImage parse(JsonNode answer, DownloadedImage image);

	/** A secret to blank out of error excerpts, or null. */
	String secret() {
		return null;
	}

	private PinnedImage answer(ClientHttpResponse response, DownloadedImage image) throws IOException {
		int status = response.getStatusCode().value();
		if (status < 200 || status >= 300) {
			Duration retryAfter = (status == 429 || status == 503)
					? RetryAfter.parse(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), Clock.systemUTC())
					: null;
			// A 4xx about this file; 401/403 (credentials), 408, 429 and 5xx are about
			// the service.
			boolean permanent = status == 400 || status == 413 || status == 415 || status == 422;
			throw new PinFailure(this.provider + " answered " + status + excerpt(response.getBody()), status,
					retryAfter, permanent, null);
		}
		long length = response.getHeaders().getContentLength();
		// The announced length read at once: readNBytes(MAX_ANSWER) allocates 16 KB
		// chunks.
		byte[] body = response.getBody().readNBytes((length >= 0 && length < MAX_ANSWER) ? (int) length : MAX_ANSWER);
		PinnedImage pinned;
		// The first JSON value: Kubo may stream one object per line.
		try (MappingIterator<JsonNode> values = JSON.readValues(body)) {
			pinned = parse(values.hasNext() ? values.next() : JSON.createObjectNode(), image);
		}
		catch (JacksonException ex) {
			throw new PinFailure(this.provider + " answered " + status + " with unparsable JSON", status, null, false,
					ex);
		}
		if (!CidFormat.wellFormed(pinned.cid())) {
			throw new PinFailure(this.provider + " answered " + status + " without a well-formed CID", status, null,
					false, null);
		}
		return pinned;
	}

	/**
	 * The start of an error body, on one line, for the failure message. The rest of a
	 * small body is read too, so the connection stays reusable through a storm of 429s or
	 * 5xx.
	 */
	private String excerpt(InputStream body) throws IOException {
		byte[] start = body.readNBytes(MAX_EXCERPT);
		body.readNBytes(MAX_ANSWER);
		String text = new String(start, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}+", " ").strip();
		String secret = secret();
		if (secret != null && !secret.isEmpty()) {
			text = text.replace(secret, "***");
		}
		return text.isEmpty() ? "" : ": " + text;
	}

	/**
	 * Only characters that need no quoting in a header or in JSON; the name is
	 * informational.
	 */
	private static String safeFileName(String fileName) {
		if (fileName == null || fileName.isEmpty()) {
			return "image";
		}
		StringBuilder safe = new StringBuilder(fileName.length());
		for (int i = 0; i < fileName.length() && i < 200; i++) {
			char c = fileName.charAt(i);
			boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
					|| c == '-' || c == '_';
			safe.append(plain ? c : '_');
		}
		return safe.toString();
	}

	static URI endpoint(URI base, String path) {
		String text = base.toString();
		return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
	}

}
