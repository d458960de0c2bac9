package app.flashcastr.simulators.ipfs;

import java.time.Duration;

import app.flashcastr.simulators.http.ActiveFault;
import app.flashcastr.simulators.http.FaultSwitch;
import app.flashcastr.simulators.http.HttpFault;

/**
 * Runtime fault switches of one IPFS API (Pinata or Kubo; each has its own). They apply
 * to the pin endpoint only, never to the admin endpoint. One fault is active at a time:
 * setting one replaces the previous one, and requests held by {@link #latency(Duration)}
 * or {@link #hang()} are released by the next switch, {@link #reset()} or
 * {@link IpfsSimulator#close()}. {@link #outage()} stops listening altogether (connection
 * refused); any other switch, {@link #reset()} included, listens again on the same port.
 * Admin modes: {@code healthy}, {@code status}, {@code rate_limit}, {@code latency},
 * {@code timeout} and {@code outage}.
 */
public final class IpfsFaults extends FaultSwitch {

	private final String api;

	private final Listener listener;

	IpfsFaults(String api, Listener listener) {
		super("IPFS " + api);
		this.api = api;
		this.listener = listener;
	}

	/**
	 * Stop listening: new connections are refused and open ones are closed, as when the
	 * host is down. {@link #reset()} (or any other switch) listens again on the same
	 * port.
	 */
	public void outage() {
		set(new IpfsFault.Outage(null), UNLIMITED);
	}

	/**
	 * Stop listening for this long, then listen again on the same port by itself (the
	 * only outage the admin endpoint offers, since it goes down with the API).
	 * @param duration how long connections are refused, at most 120 s
	 */
	public void outage(Duration duration) {
		ActiveFault outage = set(new IpfsFault.Outage(checkHold(duration, "duration")), UNLIMITED);
		Thread.ofVirtual().name("ipfs-" + this.api + "-outage").start(() -> {
			if (!outage.awaitRelease(duration)) {
				// Over by itself, unless someone switched meanwhile.
				restore(outage);
			}
		});
	}

	private synchronized void restore(ActiveFault outage) {
		if (current() == outage) {
			set(new HttpFault.Healthy(), UNLIMITED);
		}
	}

	/** Listening and not listening follow the switches, in order. */
	@Override
	protected void switched(ActiveFault previous, ActiveFault next) {
		boolean wasDown = previous.fault() instanceof IpfsFault.Outage;
		boolean down = next.fault() instanceof IpfsFault.Outage;
		if (down && !wasDown) {
			this.listener.stopListening();
		}
		else if (!down && wasDown) {
			this.listener.listen();
		}
	}

	/** Opens and closes the API's listening socket on outages. */
	interface Listener {

		void listen();

		void stopListening();

	}

}
