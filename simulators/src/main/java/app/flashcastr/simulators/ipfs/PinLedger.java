package app.flashcastr.simulators.ipfs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counters of one API: requests to its pin endpoint and successful pins per CID. */
final class PinLedger {

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger successes = new AtomicInteger();

	private final Map<String, AtomicInteger> pinsByCid = new ConcurrentHashMap<>();

	void requestArrived() {
		this.requests.incrementAndGet();
	}

	/**
	 * Records a successful pin.
	 * @return true when this API had already pinned the CID (Pinata's
	 * {@code isDuplicate})
	 */
	boolean pinned(String cid) {
		this.successes.incrementAndGet();
		return this.pinsByCid.computeIfAbsent(cid, (key) -> new AtomicInteger()).getAndIncrement() > 0;
	}

	int requests() {
		return this.requests.get();
	}

	int successes() {
		return this.successes.get();
	}

	int pinsOf(String cid) {
		AtomicInteger pins = this.pinsByCid.get(cid);
		return (pins != null) ? pins.get() : 0;
	}

	int distinctCids() {
		return this.pinsByCid.size();
	}

}
