/**
 * Backfill: announces stored flashes still missing a CID again, rate-limited and
 * resumable, so the normal intake pins them; progress in the log, as metrics and on the
 * {@code backfill} actuator endpoint.
 */
package app.flashcastr.consumer.backfill;
