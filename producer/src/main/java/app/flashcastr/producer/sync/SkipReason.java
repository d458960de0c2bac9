package app.flashcastr.producer.sync;

/**
 * Why a sync run did not process data; the {@code reason} label of
 * {@code invaders_bot_sync_skipped_total}.
 */
enum SkipReason {

	/** The feed's flash_count did not change since the last processed run. */
	NO_CHANGES("no_changes"),
	/**
	 * After unchanged runs, the feed call itself was skipped (probability min(n,10) ×
	 * 0.1).
	 */
	BACKOFF("backoff"),
	/** Off-peak hours: a share of runs is skipped to save proxy traffic. */
	OFF_PEAK_HOURS("off_peak_hours");

	private final String label;

	SkipReason(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

}
