package app.flashcastr.simulators.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * The admin modes of one {@link FaultSwitch}: what a {@code POST /__admin/faults} body
 * {@code {"mode":"..."}} switches to. A simulator lists the modes it offers, in the order
 * an unknown mode's error names them; {@link AdminHandler#faults} serves them.
 */
public final class FaultAdmin {

	private final FaultSwitch faults;

	private final Map<String, Function<JsonNode, AfterAnswer>> modes = new LinkedHashMap<>();

	/**
	 * No modes yet.
	 * @param faults the switch the modes set
	 */
	public FaultAdmin(FaultSwitch faults) {
		this.faults = faults;
	}

	/**
	 * Mode {@code healthy}: {@link FaultSwitch#reset()}.
	 * @return this
	 */
	public FaultAdmin healthy() {
		return mode("healthy", (body) -> this.faults.reset());
	}

	/**
	 * Mode {@code status}: {@code status} and, for a limited fault, {@code count}.
	 * @return this
	 */
	public FaultAdmin status() {
		return mode("status", (body) -> AdminRequests.failWithStatus(body, this.faults));
	}

	/**
	 * Mode {@code rate_limit}: {@code retryAfterSeconds} (default 1) and, for a limited
	 * fault, {@code count}.
	 * @return this
	 */
	public FaultAdmin rateLimit() {
		return mode("rate_limit", (body) -> {
			Duration retryAfter = Duration.ofSeconds(AdminRequests.optionalInt(body, "retryAfterSeconds", 1));
			if (body.has("count")) {
				this.faults.rateLimit(retryAfter, AdminRequests.requiredInt(body, "count"));
			}
			else {
				this.faults.rateLimit(retryAfter);
			}
		});
	}

	/**
	 * Mode {@code latency}: {@code millis}.
	 * @return this
	 */
	public FaultAdmin latency() {
		return mode("latency",
				(body) -> this.faults.latency(Duration.ofMillis(AdminRequests.requiredInt(body, "millis"))));
	}

	/**
	 * Mode {@code timeout}: {@link FaultSwitch#hang()}.
	 * @return this
	 */
	public FaultAdmin timeout() {
		return mode("timeout", (body) -> this.faults.hang());
	}

	/**
	 * A mode of the simulator's own (or another reading of a shared one).
	 * @param name the mode
	 * @param set switches as the body says; bad fields throw
	 * {@link IllegalArgumentException}
	 * @return this
	 */
	public FaultAdmin mode(String name, Consumer<JsonNode> set) {
		this.modes.put(name, (body) -> {
			set.accept(body);
			return null;
		});
		return this;
	}

	/**
	 * A mode switched only once its answer is sent, because the switch takes the admin
	 * endpoint down with it.
	 * @param name the mode
	 * @param prepare reads the body into the answer and the switch to make after it
	 * @return this
	 */
	public FaultAdmin modeAfterAnswer(String name, Function<JsonNode, AfterAnswer> prepare) {
		this.modes.put(name, prepare);
		return this;
	}

	FaultSwitch faults() {
		return this.faults;
	}

	/**
	 * Switches as the body's {@code mode} says.
	 * @return null when switched, or what to answer before switching
	 */
	AfterAnswer set(JsonNode body) {
		String mode = body.path("mode").asString("");
		Function<JsonNode, AfterAnswer> set = this.modes.get(mode);
		if (set == null) {
			throw new IllegalArgumentException("Unknown mode '" + mode + "'; expected " + expected());
		}
		return set.apply(body);
	}

	/** The modes as a sentence: {@code a, b or c}. */
	private String expected() {
		List<String> names = new ArrayList<>(this.modes.keySet());
		String last = names.removeLast();
		return names.isEmpty() ? last : String.join(", ", names) + " or " + last;
	}

	/**
	 * A switch made once the admin request is answered.
	 *
	 * @param answer the admin answer
	 * @param switchOn the switch
	 */
	public record AfterAnswer(Map<String, Object> answer, Runnable switchOn) {
	}

}
