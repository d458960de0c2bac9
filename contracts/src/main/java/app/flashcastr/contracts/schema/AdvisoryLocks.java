package app.flashcastr.contracts.schema;

/**
 * Keys of PostgreSQL advisory locks shared by every replica of a service. One place, so
 * two features never pick the same number by accident.
 */
public final class AdvisoryLocks {

	/** Held by the one producer replica that syncs the feed. */
	public static final long PRODUCER_SYNC = 0x464c_4153_4801L;

	/**
	 * Held by the one producer replica that relays the outbox, which keeps publish order
	 * per flash.
	 */
	public static final long OUTBOX_RELAY = 0x464c_4153_4802L;

	private AdvisoryLocks() {
	}

}
