package app.flashcastr.simulators.http;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A simulator's admin API under {@code /__admin/}: the three routes of each fault switch
 * ({@code GET} shows the fault, {@code POST} switches it, {@code DELETE} resets it, each
 * answering the fault now in force) and the simulator's own routes. Every answer is JSON;
 * an unknown route gets a 404, a bad request (an {@link IllegalArgumentException} or
 * unreadable JSON) a 400, both as {@code {"error":"..."}}.
 */
public final class AdminHandler implements HttpHandler {

	private final JsonMapper mapper;

	private final JsonSender sender;

	private final Map<String, HttpHandler> routes = new HashMap<>();

	/**
	 * No routes yet.
	 * @param mapper writes the answers
	 * @param sender sends them as the simulator sends JSON
	 */
	public AdminHandler(JsonMapper mapper, JsonSender sender) {
		this.mapper = mapper;
		this.sender = sender;
	}

	/**
	 * Serves a fault switch's routes at {@code path}.
	 * @param path e.g. {@code /__admin/faults}
	 * @param admin the switch and its modes
	 * @return this
	 */
	public AdminHandler faults(String path, FaultAdmin admin) {
		FaultSwitch faults = admin.faults();
		this.routes.put("GET " + path, (exchange) -> sendJson(exchange, 200, faults.describe()));
		this.routes.put("POST " + path, (exchange) -> {
			FaultAdmin.AfterAnswer after = admin.set(AdminRequests.readObject(exchange, this.mapper));
			if (after == null) {
				sendJson(exchange, 200, faults.describe());
				return;
			}
			// Answer before the switch, or this answer would be lost.
			sendJson(exchange, 200, after.answer());
			exchange.close();
			after.switchOn().run();
		});
		this.routes.put("DELETE " + path, (exchange) -> {
			faults.reset();
			sendJson(exchange, 200, faults.describe());
		});
		return this;
	}

	/**
	 * A route of the simulator's own, answered 200.
	 * @param methodAndPath e.g. {@code GET /__admin/state}
	 * @param route reads the request (bad fields throw {@link IllegalArgumentException})
	 * and returns the JSON answer
	 * @return this
	 */
	public AdminHandler route(String methodAndPath, Route route) {
		this.routes.put(methodAndPath, (exchange) -> sendJson(exchange, 200, route.answer(exchange)));
		return this;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
		try {
			HttpHandler handler = this.routes.get(route);
			if (handler == null) {
				sendJson(exchange, 404, Map.of("error", "No admin route " + route));
			}
			else {
				handler.handle(exchange);
			}
		}
		catch (IllegalArgumentException | JacksonException ex) {
			sendJson(exchange, 400, Map.of("error", String.valueOf(ex.getMessage())));
		}
	}

	private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
		this.sender.send(exchange, status, this.mapper.writeValueAsBytes(body));
	}

	/** One admin route's answer. */
	@FunctionalInterface
	public interface Route {

		/**
		 * Reads the request and returns the answer.
		 * @param exchange the request
		 * @return the JSON answer
		 * @throws IOException when the request cannot be read
		 */
		Object answer(HttpExchange exchange) throws IOException;

	}

	/** How a simulator sends a JSON answer (its headers differ a little). */
	@FunctionalInterface
	public interface JsonSender {

		/**
		 * Sends the answer.
		 * @param exchange the request
		 * @param status the status
		 * @param json the body
		 * @throws IOException when it cannot be sent
		 */
		void send(HttpExchange exchange, int status, byte[] json) throws IOException;

	}

}
