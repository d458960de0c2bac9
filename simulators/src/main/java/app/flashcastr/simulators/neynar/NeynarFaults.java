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

}
