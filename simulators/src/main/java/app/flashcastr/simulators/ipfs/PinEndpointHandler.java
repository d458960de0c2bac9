package app.flashcastr.simulators.ipfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import app.flashcastr.simulators.http.Dispatch;
import app.flashcastr.simulators.http.EndpointAnswers;
import app.flashcastr.simulators.http.HttpFault;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Everything an API's port serves: the pin endpoint through the settings' latency and the
 * active fault, then the API itself; 404 otherwise. The admin API is
 * {@link IpfsAdminHandler}'s.
 */
final class PinEndpointHandler implements HttpHandler {

	/**
	 * Larger request bodies get a 413 (Pinata's limit per file is far above our images).
	 */
	static final int MAX_BODY = 64 * 1024 * 1024;

	private final PinApi api;

	private final IpfsFaults faults;

	private final PinLedger ledger;

	private final Duration latency;

	private final CountDownLatch closed;

	private final EndpointAnswers answers = new PinAnswers();

	PinEndpointHandler(PinApi api, IpfsFaults faults, PinLedger ledger, Duration latency, CountDownLatch closed) {
		this.api = api;
		this.faults = faults;
		this.ledger = ledger;
		this.latency = latency;
		this.closed = closed;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getRawPath();
		if (!path.equals(this.api.pinPath())) {
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

	private void servePin(HttpExchange exchange) throws IOException {
		// Counted on arrival, so a test can wait for a held request before releasing it.
		this.ledger.requestArrived();
		if (!this.latency.isZero() && await(this.closed, this.latency)) {
			return;
		}
		Dispatch.throughFaults(exchange, this.faults, () -> this.closed.getCount() == 0, this.answers);
	}

	/** The API's answers: the pin, errors in the API's shape, and the outage fault. */
	private final class PinAnswers implements EndpointAnswers {

		@Override
		public void healthy(HttpExchange exchange) throws IOException {
			PinEndpointHandler.this.api.pin(exchange);
		}

		@Override
		public void status(HttpExchange exchange, int status) throws IOException {
			PinEndpointHandler.this.api.error(exchange, status, "simulated failure");
		}

		@Override
		public void rateLimited(HttpExchange exchange) throws IOException {
			PinEndpointHandler.this.api.error(exchange, 429, "rate limited");
		}

		@Override
		public void timedOut(HttpExchange exchange) throws IOException {
			PinEndpointHandler.this.api.error(exchange, 504, "gateway timeout");
		}

		@Override
		public boolean own(HttpExchange exchange, HttpFault fault) {
			// Arrived just before the socket closed: drop the connection unanswered.
			return fault instanceof IpfsFault.Outage;
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
