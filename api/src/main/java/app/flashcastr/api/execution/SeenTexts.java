package app.flashcastr.api.execution;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A small lossy record of texts seen recently (their 64-bit hashes in a fixed table), so
 * a cache admits a text on its second sighting only: one-off texts never churn it.
 * Lock-free; a collision only admits a text early.
 */
final class SeenTexts {

	private final AtomicLongArray seen;

	private final int mask;

	/**
	 * @param slots slots of the table (a power of two)
	 */
	SeenTexts(int slots) {
		if (Integer.bitCount(slots) != 1) {
			throw new IllegalArgumentException("slots must be a power of two: " + slots);
		}
		this.seen = new AtomicLongArray(slots);
		this.mask = slots - 1;
	}

	/**
	 * Whether the text was recorded before, recording it now.
	 */
	boolean seenBefore(String text) {
		long hash = fingerprint(text);
		int slot = (int) (hash ^ (hash >>> 32)) & this.mask;
		return this.seen.getAndSet(slot, hash) == hash;
	}

	/** FNV-1a over the text's characters; never 0, the empty slot. */
	private static long fingerprint(String text) {
		long hash = 0xcbf29ce484222325L;
		for (int i = 0; i < text.length(); i++) {
			hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
		}
		return (hash == 0) ? 1 : hash;
	}

}
