package app.flashcastr.consumer.store;

/** Where a flash stands before the intake works on it. */
public enum PinState {

	/** Stored, no CID yet: download and pin it. */
	MISSING,
	/** Already has a CID: nothing to do (a duplicate or a re-announcement). */
	PINNED,
	/** Not in {@code flashes} at all. */
	UNKNOWN

}
