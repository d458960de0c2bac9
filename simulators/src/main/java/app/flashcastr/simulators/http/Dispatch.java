package app.flashcastr.simulators.http;

import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every simulator's port dispatches a request: {@code /__admin/} to its admin
 * handler, everything else to its endpoints, which answer through the active fault.
 */
public final class Dispatch {

	/** Where every simulator's admin API lives. */
	public static final String ADMIN_PREFIX = "/__admin/";

	private Dispatch() {
	}

	/**
	 * One handler for a simulator's port. The exchange is closed after each request; a
	 * request that ends without an answer is logged at debug level under the endpoints'
	 * class.
	 * @param admin answers {@code /__admin/...}
	 * @param endpoints answers every other path
	 * @return the handler
	 */
	public static HttpHandler withAdmin(HttpHandler admin, HttpHandler endpoints) {
		Logger logger = LoggerFactory.getLogger(endpoints.getClass());
		return (exchange) -> {
			try (exchange) {
				if (exchange.getRequestURI().getRawPath().startsWith(ADMIN_PREFIX)) {
					admin.handle(exchange);
				}
				else {
					endpoints.handle(exchange);
				}
			}
			catch (IOException | RuntimeException ex) {
				// Usually the client gave up (timeout test) or the simulator is closing:
				// nothing to answer to.
				logger.debug("Request to {} ended without a response: {}", exchange.getRequestURI().getRawPath(),
						ex.toString());
			}
		};
	}

	/**
	 * Answers one request as the active fault says. A fault limited to N requests is
	 * taken once per request; a latency fault delays the healthy answer; a hang holds the
	 * request until the fault is switched (then the fault in force answers) or for
	 * {@link FaultSwitch#MAX_HOLD} (then a 504).
	 * @param exchange the request
	 * @param faults the endpoint's switch
	 * @param closed whether the simulator closed (held requests then end unanswered)
	 * @param answers the endpoint's answers
	 * @throws IOException when the answer cannot be sent
	 */
	public static void throughFaults(HttpExchange exchange, FaultSwitch faults, BooleanSupplier closed,
			EndpointAnswers answers) throws IOException {
		long deadline = System.nanoTime() + FaultSwitch.MAX_HOLD.toNanos();
		while (!closed.getAsBoolean()) {
			ActiveFault active = faults.current();
			if (!faults.consume(active)) {
				continue;
			}
			switch (active.fault()) {
				case HttpFault.Healthy healthy -> answers.healthy(exchange);
				case HttpFault.Status status -> answers.status(exchange, status.status());
				case HttpFault.RateLimit rateLimit -> {
					exchange.getResponseHeaders().set("Retry-After", Long.toString(rateLimit.retryAfterSeconds()));
					answers.rateLimited(exchange);
				}
				case HttpFault.Latency latency -> {
					active.awaitRelease(latency.delay());
					if (closed.getAsBoolean()) {
						return;
					}
					answers.healthy(exchange);
				}
				case HttpFault.Hang hang -> {
					if (active.awaitRelease(Duration.ofNanos(deadline - System.nanoTime()))) {
						// Released by a switch: answer as the fault now in force says.
						continue;
					}
					answers.timedOut(exchange);
				}
				default -> {
					if (!answers.own(exchange, active.fault())) {
						throw new IllegalStateException("No answer for fault " + active.fault().mode());
					}
				}
			}
			return;
		}
	}

}
