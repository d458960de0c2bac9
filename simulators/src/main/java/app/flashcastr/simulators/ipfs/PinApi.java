package app.flashcastr.simulators.ipfs;

import java.io.IOException;

import com.sun.net.httpserver.HttpExchange;

/**
 * What differs between Pinata and Kubo: the pin path, the healthy answer and the shape of
 * error bodies. Faults, latency and counting are shared ({@link PinEndpointHandler}).
 */
interface PinApi {

	/** {@code pinata} or {@code kubo}. */
	String name();

	/** Path of the pin endpoint. */
	String pinPath();

	/** Answers a pin request while no fault is active (auth, validation, the pin). */
	void pin(HttpExchange exchange) throws IOException;

	/** Answers with an error status, the body shaped as this API shapes errors. */
	void error(HttpExchange exchange, int status, String message) throws IOException;

}
