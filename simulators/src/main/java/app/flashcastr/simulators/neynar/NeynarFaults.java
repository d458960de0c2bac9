package app.flashcastr.simulators.neynar;

import java.time.Duration;

import app.flashcastr.simulators.http.FaultSwitch;

/**
 * Runtime fault switches of the Neynar simulator. They apply to every {@code /v2/}
 * endpoint, before the API key is checked, never to the admin endpoint. One fault is
 * active at a time: setting one replaces the previous one, and requests held by
 * {@link #latency(Duration)} are released by the next switch, {@link #reset()} or
 * {@link NeynarSimulator#close()}. Modes: {@code healthy}, {@code status} (401 bad key,
 * 403 signer refused, 500/502/503 Neynar down…), {@code rate_limit} and {@code latency}.
 */
public final class NeynarFaults extends FaultSwitch {

	NeynarFaults() {
		super("Neynar");
	}

	/**
	 * Answer every request with 429 and {@code Retry-After} (whole seconds, rounded up)
	 * until {@link #reset()}.
	 * @param retryAfter the delay announced in {@code Retry-After}
	 */
	@Override
	public void rateLimit(Duration retryAfter) {
		super.rateLimit(retryAfter);
	}

	/**
	 * Answer the next {@code times} requests with 429 and {@code Retry-After}, then serve
	 * healthy responses.
	 * @param retryAfter the delay announced in {@code Retry-After}
	 * @param times how many requests are rate limited, at least 1
	 */
	@Override
	public void rateLimit(Duration retryAfter, int times) {
		super.rateLimit(retryAfter, times);
	}

}
