package app.flashcastr.simulators.ipfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import app.flashcastr.simulators.http.ActiveFault;
import app.flashcastr.simulators.http.HttpFault;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything an API's port serves: the pin endpoint through the settings' latency and the
 * active fault, then the API itself; {@code /__admin/} to the admin handler; 404
 * otherwise.
 */
final class PinEndpointHandler implements HttpHandler {

	/**
	 * Larger request bodies get a 413 (Pinata's limit per file is far above our images).
	 */
	static final int MAX_BODY = 64 * 1024 * 1024;

	private static final String ADMIN_PREFIX = "/__admin/";

	private static final Logger logger = LoggerFactory.getLogger(PinEndpointHandler.class);

	private final PinApi api;

	private final IpfsFaults faults;

	private final PinLedger ledger;

	private final Duration latency;

	private final CountDownLatch closed;

	private final HttpHandler admin;

	PinEndpointHandler(PinApi api, IpfsFaults faults, PinLedger ledger, Duration latency, CountDownLatch closed,
			HttpHandler admin) {
		this.api = api;
		this.faults = faults;
		this.ledger = ledger;
		this.latency = latency;
		this.closed = closed;
		this.admin = admin;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getRawPath();
			if (path.startsWith(ADMIN_PREFIX)) {
				this.admin.handle(exchange);
			}
			else if (!path.equals(this.api.pinPath())) {
				this.api.error(exchange, 404, "no route " + path);
			}
			else if (!exchange.getRequestMethod().equals("POST")) {
				exchange.getResponseHeaders().set("Allow", "POST");
				this.api.error(exchange, 405, "use POST");
			}
			else {
				servePin(exchange);
			}
		}
		catch (IOException | RuntimeException ex) {
			// Usually the client gave up (timeout test) or the API is going down: nothing
			// to answer to.
			logger.debug("Request to {} ended without a response: {}", exchange.getRequestURI().getRawPath(),
					ex.toString());
		}
	}

	private void servePin(HttpExchange exchange) throws IOException {
		// Counted on arrival, so a test can wait for a held request before releasing it.
		this.ledger.requestArrived();
		if (!this.latency.isZero() && await(this.closed, this.latency)) {
			return;
		}
		long deadline = System.nanoTime() + IpfsFaults.MAX_HOLD.toNanos();
		while (this.closed.getCount() > 0) {
			ActiveFault active = this.faults.current();
			if (!this.faults.consume(active)) {
				continue;
			}
			switch (active.fault()) {
				case HttpFault.Healthy healthy -> this.api.pin(exchange);
				case HttpFault.Status status -> this.api.error(exchange, status.status(), "simulated failure");
				case HttpFault.RateLimit rateLimit -> {
					exchange.getResponseHeaders().set("Retry-After", Long.toString(rateLimit.retryAfterSeconds()));
					this.api.error(exchange, 429, "rate limited");
				}
				case HttpFault.Latency latency -> {
					active.awaitRelease(latency.delay());
					if (this.closed.getCount() == 0) {
						return;
					}
					this.api.pin(exchange);
				}
				case HttpFault.Hang hang -> {
					if (active.awaitRelease(Duration.ofNanos(deadline - System.nanoTime()))) {
						// Released by a switch: answer as the fault now in force says.
						continue;
					}
					this.api.error(exchange, 504, "gateway timeout");
				}
				// Arrived just before the socket closed: drop the connection unanswered.
				case IpfsFault.Outage outage -> {
				}
				default -> throw new IllegalStateException("Not an IPFS fault: " + active.fault().mode());
			}
			return;
		}
	}

	/** Waits; true when the simulator closed meanwhile. */
	private static boolean await(CountDownLatch closed, Duration delay) {
		try {
			return closed.await(delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return true;
		}
	}

	/**
	 * The request body, at most {@link #MAX_BODY} bytes.
	 * @return the body, or null when it is larger (the caller answers 413)
	 */
	static byte[] readBody(HttpExchange exchange) throws IOException {
		String declared = exchange.getRequestHeaders().getFirst("Content-Length");
		if (declared != null) {
			try {
				if (Long.parseLong(declared.trim()) > MAX_BODY) {
					return null;
				}
			}
			catch (NumberFormatException ex) {
				// The server would have refused a bad Content-Length already; read and
				// see.
			}
		}
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readNBytes(MAX_BODY + 1);
		}
		return (body.length > MAX_BODY) ? null : body;
	}

	static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
	}

	static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

}
