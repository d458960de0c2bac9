package app.flashcastr.simulators.load;

import java.util.Map;

/**
 * What a {@link LoadGenerator} has done so far.
 *
 * @param queries queries answered (successfully or not), per operation
 * @param queryFailures answers that were not 200 or carried GraphQL errors, timeouts and
 * refused connections
 * @param queriesDropped ticks skipped because {@code maxInFlight} queries were waiting
 * @param flashesEmitted new flashes the feed simulator confirmed
 * @param feedFailures failed emission calls
 * @param signupsStarted initiateSignup calls answered with a signer
 * @param signupsCompleted signups that reached {@code APPROVED_FINALIZED}
 * @param signupsFailed signups that failed or were still pending after the polls
 */
public record LoadCounters(Map<LoadQuery, Long> queries, long queryFailures, long queriesDropped, long flashesEmitted,
		long feedFailures, long signupsStarted, long signupsCompleted, long signupsFailed) {

	public LoadCounters {
		queries = Map.copyOf(queries);
	}

	/** Queries answered, all operations together. */
	public long totalQueries() {
		return this.queries.values().stream().mapToLong(Long::longValue).sum();
	}

	/** One line for the log. */
	public String describe() {
		return String.format(
				"%d queries (%d failed, %d dropped), %d flashes emitted (%d failed calls), signups %d started, %d completed, %d failed",
				totalQueries(), this.queryFailures, this.queriesDropped, this.flashesEmitted, this.feedFailures,
				this.signupsStarted, this.signupsCompleted, this.signupsFailed);
	}

}
