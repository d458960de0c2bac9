package app.flashcastr.producer.sync;

/**
 * What one sync run did; returned to callers (schedule, tests, bench) and logged.
 *
 * @param outcome how the run ended
 * @param skipReason why it skipped, when it did
 * @param newFlashes flashes inserted
 * @param reannounced known flashes announced again
 * @param invalidRows rows rejected by validation or by the database
 * @param published announcements confirmed by the broker during this run
 * @param traceId the run's trace id (null when skipped before tracing)
 */
public record SyncReport(Outcome outcome, String skipReason, int newFlashes, int reannounced, int invalidRows,
		int published, String traceId) {

	static SyncReport skipped(SkipReason reason, String traceId) {
		return new SyncReport(Outcome.SKIPPED, reason.label(), 0, 0, 0, 0, traceId);
	}

	static SyncReport locked() {
		return new SyncReport(Outcome.LOCKED, null, 0, 0, 0, 0, null);
	}

	static SyncReport failed(String traceId) {
		return new SyncReport(Outcome.FAILED, null, 0, 0, 0, 0, traceId);
	}

	/** How a run ended. */
	public enum Outcome {

		/** The feed changed and was processed. */
		PROCESSED,
		/** A gate or an unchanged count skipped the run. */
		SKIPPED,
		/** Another replica was syncing. */
		LOCKED,
		/** The feed or the database failed; the next run tries again. */
		FAILED

	}

}
