package app.flashcastr.simulators.feed;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import app.flashcastr.simulators.http.Dispatch;
import app.flashcastr.simulators.http.EndpointAnswers;
import app.flashcastr.simulators.http.HttpFault;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Serves what upstream serves: the feed at {@code /flashinvaders/flashes/} (through the
 * active feed fault), the 301 of the path without its trailing slash, and the flash
 * images (through the active image fault). The admin API is {@link FeedAdminHandler}'s.
 */
final class FeedHttpHandler implements HttpHandler {

	static final String FEED_PATH = "/flashinvaders/flashes/";

	private static final String FEED_PATH_WITHOUT_SLASH = "/flashinvaders/flashes";

	private static final String IMAGE_PREFIX = "/media/";

	private final FlashFeed feed;

	private final FlashImages images;

	private final FeedFaults faults;

	private final ImageFaults imageFaults;

	private final FeedWireFormat wireFormat;

	private final AtomicBoolean closed;

	private final AtomicInteger feedRequests = new AtomicInteger();

	private final AtomicInteger redirects = new AtomicInteger();

	private final AtomicInteger imageRequests = new AtomicInteger();

	private final EndpointAnswers feedAnswers = new FeedAnswers();

	FeedHttpHandler(FlashFeed feed, FlashImages images, FeedFaults faults, ImageFaults imageFaults,
			FeedWireFormat wireFormat, AtomicBoolean closed) {
		this.feed = feed;
		this.images = images;
		this.faults = faults;
		this.imageFaults = imageFaults;
		this.wireFormat = wireFormat;
		this.closed = closed;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getRawPath();
		if (path.equals(FEED_PATH)) {
			if (allowGet(exchange)) {
				// Counted on arrival, so a test can wait for a held request before
				// releasing it.
				this.feedRequests.incrementAndGet();
				Dispatch.throughFaults(exchange, this.faults, this.closed::get, this.feedAnswers);
			}
		}
		else if (path.equals(FEED_PATH_WITHOUT_SLASH)) {
			if (allowGet(exchange)) {
				this.redirects.incrementAndGet();
				exchange.getResponseHeaders().set("Location", FEED_PATH);
				send(exchange, 301, "text/html", "<html><body>Moved Permanently</body></html>");
			}
		}
		else if (path.startsWith(IMAGE_PREFIX)) {
			if (allowGet(exchange)) {
				this.imageRequests.incrementAndGet();
				Dispatch.throughFaults(exchange, this.imageFaults, this.closed::get, new ImageAnswers(path));
			}
		}
		else {
			send(exchange, 404, "text/plain", "Not found");
		}
	}

	int feedRequests() {
		return this.feedRequests.get();
	}

	int redirects() {
		return this.redirects.get();
	}

	int imageRequests() {
		return this.imageRequests.get();
	}

	/** The error pages the feed and the images share, as a CDN in front of upstream. */
	private abstract static class ErrorPages implements EndpointAnswers {

		@Override
		public final void status(HttpExchange exchange, int status) throws IOException {
			sendStatus(exchange, status);
		}

		@Override
		public final void rateLimited(HttpExchange exchange) throws IOException {
			send(exchange, 429, "text/plain", "Too Many Requests");
		}

		@Override
		public final void timedOut(HttpExchange exchange) throws IOException {
			send(exchange, 504, "text/plain", "Gateway Timeout");
		}

	}

	/**
	 * The feed's answers: upstream's JSON, its error pages, and the feed's own faults.
	 */
	private final class FeedAnswers extends ErrorPages {

		@Override
		public void healthy(HttpExchange exchange) throws IOException {
			sendJson(exchange, FeedHttpHandler.this.wireFormat.healthy(snapshot()));
		}

		@Override
		public boolean own(HttpExchange exchange, HttpFault fault) throws IOException {
			FeedWireFormat wire = FeedHttpHandler.this.wireFormat;
			switch (fault) {
				case FeedFault.Redirect redirect -> {
					exchange.getResponseHeaders().set("Location", redirect.location());
					send(exchange, redirect.status(), "text/html",
							"<html><body>Redirect to " + redirect.location() + "</body></html>");
				}
				case FeedFault.Malformed malformed -> sendJson(exchange, wire.malformed(snapshot()));
				case FeedFault.Empty empty -> sendJson(exchange, wire.empty(snapshot()));
				case FeedFault.InvalidRows invalid ->
					sendJson(exchange, wire.withInvalidRows(snapshot(), invalid.count()));
				default -> {
					return false;
				}
			}
			return true;
		}

		private FlashFeed.FeedSnapshot snapshot() {
			return FeedHttpHandler.this.feed.snapshot();
		}

	}

	/** One image's answers: the JPEG, error pages, and the images' own faults. */
	private final class ImageAnswers extends ErrorPages {

		private final String path;

		ImageAnswers(String path) {
			this.path = path;
		}

		@Override
		public void healthy(HttpExchange exchange) throws IOException {
			sendImage(exchange, this.path);
		}

		@Override
		public boolean own(HttpExchange exchange, HttpFault fault) throws IOException {
			switch (fault) {
				case ImageFaults.Fault.NotAnImage notAnImage ->
					send(exchange, 200, "text/html", "<!DOCTYPE html><html><head><title>Space Invaders</title></head>"
							+ "<body><p>Please enable JavaScript to continue.</p></body></html>");
				case ImageFaults.Fault.Oversized oversized -> sendOversized(exchange, oversized);
				default -> {
					return false;
				}
			}
			return true;
		}

	}

	private void sendImage(HttpExchange exchange, String path) throws IOException {
		Optional<byte[]> jpeg = this.images.jpeg(path);
		if (jpeg.isEmpty()) {
			send(exchange, 404, "text/plain", "Not found");
			return;
		}
		send(exchange, 200, "image/jpeg", jpeg.get());
	}

	/**
	 * A JPEG start-of-image marker followed by zeros, streamed so that a large size costs
	 * no memory.
	 */
	private static void sendOversized(HttpExchange exchange, ImageFaults.Fault.Oversized oversized) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
		if (exchange.getRequestMethod().equals("HEAD")) {
			if (!oversized.chunked()) {
				exchange.getResponseHeaders().set("Content-Length", Integer.toString(oversized.bytes()));
			}
			exchange.sendResponseHeaders(200, -1);
			return;
		}
		exchange.sendResponseHeaders(200, oversized.chunked() ? 0 : oversized.bytes());
		byte[] startOfImage = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };
		byte[] zeros = new byte[64 * 1024];
		try (OutputStream out = exchange.getResponseBody()) {
			int head = Math.min(startOfImage.length, oversized.bytes());
			out.write(startOfImage, 0, head);
			int left = oversized.bytes() - head;
			while (left > 0) {
				int length = Math.min(left, zeros.length);
				out.write(zeros, 0, length);
				left -= length;
			}
		}
	}

	private static void sendStatus(HttpExchange exchange, int status) throws IOException {
		if (status == 407) {
			// What a forward proxy answers when its credentials are wrong.
			exchange.getResponseHeaders().set("Proxy-Authenticate", "Basic realm=\"proxy\"");
		}
		send(exchange, status, "text/html", "<html><body>Error " + status + "</body></html>");
	}

	private static boolean allowGet(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		if (method.equals("GET") || method.equals("HEAD")) {
			return true;
		}
		exchange.getResponseHeaders().set("Allow", "GET, HEAD");
		send(exchange, 405, "text/plain", "Method Not Allowed");
		return false;
	}

	private static void sendJson(HttpExchange exchange, byte[] body) throws IOException {
		send(exchange, 200, "application/json", body);
	}

	static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		send(exchange, status, contentType + "; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
	}

	static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		if (exchange.getRequestMethod().equals("HEAD")) {
			exchange.getResponseHeaders().set("Content-Length", Long.toString(body.length));
			exchange.sendResponseHeaders(status, -1);
			return;
		}
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
