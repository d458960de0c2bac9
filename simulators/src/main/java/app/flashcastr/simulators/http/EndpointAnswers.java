package app.flashcastr.simulators.http;

import java.io.IOException;

import com.sun.net.httpserver.HttpExchange;

/**
 * What one simulated endpoint answers, healthy and under each fault, in its own wire
 * format; {@link Dispatch#throughFaults} picks the answer the active fault calls for.
 */
public interface EndpointAnswers {

	/**
	 * The healthy answer (also after a latency fault's delay).
	 * @param exchange the request
	 * @throws IOException when the answer cannot be sent
	 */
	void healthy(HttpExchange exchange) throws IOException;

	/**
	 * An error status the switch asked for.
	 * @param exchange the request
	 * @param status 400..599
	 * @throws IOException when the answer cannot be sent
	 */
	void status(HttpExchange exchange, int status) throws IOException;

	/**
	 * A 429; {@code Retry-After} is already set.
	 * @param exchange the request
	 * @throws IOException when the answer cannot be sent
	 */
	void rateLimited(HttpExchange exchange) throws IOException;

	/**
	 * A 504, once a held request was held for {@link FaultSwitch#MAX_HOLD}.
	 * @param exchange the request
	 * @throws IOException when the answer cannot be sent
	 */
	void timedOut(HttpExchange exchange) throws IOException;

	/**
	 * The answer to a fault of the simulator's own.
	 * @param exchange the request
	 * @param fault the active fault
	 * @return false when this endpoint has no such fault (the request then ends
	 * unanswered)
	 * @throws IOException when the answer cannot be sent
	 */
	default boolean own(HttpExchange exchange, HttpFault fault) throws IOException {
		return false;
	}

}
