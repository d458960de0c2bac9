package app.flashcastr.consumer.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.stereotype.Component;

import app.flashcastr.consumer.outbound.OutboundHttp;
import app.flashcastr.observability.logging.Causes;
import app.flashcastr.contracts.retry.RetryAfter;
import app.flashcastr.contracts.retry.Backoff;

/**
 * Downloads flash images from the feed host ({@code invaders.consumer.download.*}):
 * {@code GET baseUrl + img}, 2xx and {@code image/*} only, at most {@code maxSize} bytes
 * (checked against {@code Content-Length} and while reading), redirects never followed.
 * Transient failures (timeouts, I/O errors, 5xx, 429) are retried up to
 * {@code maxAttempts} with full-jitter backoff, or after the server's {@code Retry-After}
 * when that fits under {@code maxRetryDelay}. One client for all calls; safe to share
 * between threads.
 */
@Component
public class ImageDownloader {

	private static final Logger logger = LoggerFactory.getLogger(ImageDownloader.class);

	/**
	 * What a browser sends for an {@code <img>}: the upstream consumer looked like one.
	 */
	private static final String ACCEPT = "image/avif,image/webp,image/apng,image/*,*/*;q=0.8";

	private static final int ERROR_BODY_DRAIN = 16 * 1024;

	private final DownloadProperties settings;

	private final OutboundHttp http;

	private final HttpHeaders headers;

	private final String baseUrl;

	private final int maxSize;

	@Autowired
	ImageDownloader(DownloadProperties settings, ObjectProvider<Tracer> tracer) {
		this(settings, tracer.getIfAvailable(() -> Tracer.NOOP));
	}

	/**
	 * @param settings {@code invaders.consumer.download.*}
	 * @param tracer where each download's client span goes
	 */
	ImageDownloader(DownloadProperties settings, Tracer tracer) {
		this.settings = settings;
		String base = this.settings.baseUrl().toString();
		this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		this.maxSize = (int) Math.min(this.settings.maxSize().toBytes(), Integer.MAX_VALUE - 16);
		// Redirects are not followed: a redirect for an image means something is off
		// upstream (upstream's 301 loop became timeouts).
		this.http = new OutboundHttp("feed", this.settings.connectTimeout(), this.settings.readTimeout(), tracer);
		this.headers = new HttpHeaders();
		this.headers.set(HttpHeaders.ACCEPT, ACCEPT);
		this.headers.set(HttpHeaders.USER_AGENT, this.settings.userAgent());
	}

	/**
	 * Downloads one image.
	 * @param img the flash's {@code img}, a path on the feed host such as
	 * {@code /media/queries/2025/01/09/img_x.jpg}
	 * @return the image
	 * @throws DownloadFailure when it cannot be had: permanent at once, {@code TRANSIENT}
	 * once the attempts are used up
	 */
	public DownloadedImage download(String img) {
		URI uri = uri(img);
		String fileName = fileName(img);
		for (int attempt = 1;; attempt++) {
			try {
				return fetch(uri, fileName);
			}
			catch (DownloadFailure failure) {
				if (failure.permanent() || attempt >= this.settings.maxAttempts()) {
					throw failure;
				}
				Duration delay = retryDelay(attempt, failure.retryAfter());
				if (delay == null) {
					// The server asks for a longer pause than we wait per message: let
					// the caller decide.
					throw failure;
				}
				logger.debug("Download of {} failed ({}), attempt {}/{}; retrying in {} ms", img, failure.getMessage(),
						attempt, this.settings.maxAttempts(), delay.toMillis());
				pause(delay, failure);
			}
		}
	}

	private DownloadedImage fetch(URI uri, String fileName) {
		try {
			return this.http.exchange("GET", uri, this.headers, null, (response) -> read(response, fileName));
		}
		catch (OutboundHttp.Unreachable ex) {
			// Timeouts, refused connections and I/O errors.
			throw new DownloadFailure(DownloadFailure.Reason.TRANSIENT, Causes.describe(ex), 0, null, ex);
		}
	}

	private DownloadedImage read(ClientHttpResponse response, String fileName) throws IOException {
		int status = response.getStatusCode().value();
		HttpHeaders headers = response.getHeaders();
		if (status < 200 || status >= 300) {
			// Error pages are small: reading them keeps the connection reusable.
			response.getBody().readNBytes(ERROR_BODY_DRAIN);
		}
		if (status == 404 || status == 410) {
			throw new DownloadFailure(DownloadFailure.Reason.NOT_FOUND, "HTTP " + status, status, null, null);
		}
		if (status < 200 || status >= 300) {
			Duration retryAfter = (status == 429 || status == 503)
					? RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER), Clock.systemUTC()) : null;
			String message = (status >= 300 && status < 400)
					? "HTTP " + status + " redirect to " + headers.getFirst(HttpHeaders.LOCATION) + " not followed"
					: "HTTP " + status;
			throw new DownloadFailure(DownloadFailure.Reason.TRANSIENT, message, status, retryAfter, null);
		}
		MediaType type = contentType(headers);
		if (type == null || !"image".equalsIgnoreCase(type.getType())) {
			throw new DownloadFailure(DownloadFailure.Reason.NOT_AN_IMAGE,
					"content type " + headers.getFirst(HttpHeaders.CONTENT_TYPE) + " is not image/*", status, null,
					null);
		}
		long length = headers.getContentLength();
		if (length > this.maxSize) {
			throw new DownloadFailure(DownloadFailure.Reason.TOO_LARGE,
					"Content-Length " + length + " exceeds " + this.maxSize + " bytes", status, null, null);
		}
		byte[] bytes = body(response.getBody(), (int) length, status);
		if (bytes.length == 0) {
			throw new DownloadFailure(DownloadFailure.Reason.TRANSIENT, "empty body", status, null, null);
		}
		return new DownloadedImage(bytes, type.getType() + "/" + type.getSubtype(), fileName);
	}

	/**
	 * Reads into one array of the announced size, or up to one byte past the cap when no
	 * size was announced.
	 */
	private byte[] body(InputStream in, int length, int status) throws IOException {
		if (length >= 0) {
			byte[] bytes = new byte[length];
			int read = in.readNBytes(bytes, 0, length);
			if (read < length) {
				throw new DownloadFailure(DownloadFailure.Reason.TRANSIENT,
						"body ended after " + read + " of " + length + " bytes", status, null, null);
			}
			return bytes;
		}
		byte[] bytes = in.readNBytes(this.maxSize + 1);
		if (bytes.length > this.maxSize) {
			throw new DownloadFailure(DownloadFailure.Reason.TOO_LARGE,
					"body exceeds " + this.maxSize + " bytes (no Content-Length)", status, null, null);
		}
		return bytes;
	}

	/**
	 * baseUrl + img, refusing anything but a path: the feed is external data and must not
	 * pick the host.
	 */
	private URI uri(String img) {
		if (img == null || !img.startsWith("/") || img.startsWith("//")) {
			throw new DownloadFailure(DownloadFailure.Reason.NOT_FOUND, "img is not a path on the feed host");
		}
		try {
			return URI.create(this.baseUrl + img);
		}
		catch (IllegalArgumentException ex) {
			throw new DownloadFailure(DownloadFailure.Reason.NOT_FOUND, "img is not a valid URI path", 0, null, ex);
		}
	}

	private static String fileName(String img) {
		int end = img.length();
		int query = img.indexOf('?');
		if (query >= 0) {
			end = query;
		}
		int fragment = img.indexOf('#');
		if (fragment >= 0 && fragment < end) {
			end = fragment;
		}
		String name = img.substring(img.lastIndexOf('/', end - 1) + 1, end);
		return name.isEmpty() ? "image" : name;
	}

	private static MediaType contentType(HttpHeaders headers) {
		try {
			return headers.getContentType();
		}
		catch (InvalidMediaTypeException ex) {
			return null;
		}
	}

	/**
	 * Full jitter; null when the server's Retry-After is longer than we are willing to
	 * wait.
	 */
	private Duration retryDelay(int attempt, Duration retryAfter) {
		if (retryAfter != null && retryAfter.compareTo(this.settings.maxRetryDelay()) > 0) {
			return null;
		}
		return Backoff.honouring(retryAfter, this.settings.retryBaseDelay(), this.settings.maxRetryDelay(), attempt);
	}

	private static void pause(Duration delay, DownloadFailure failure) {
		try {
			Thread.sleep(delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure;
		}
	}

}
