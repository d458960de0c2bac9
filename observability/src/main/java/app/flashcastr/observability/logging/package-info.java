/**
 * Structured JSON log lines (console and Loki) carrying {@code trace_id} and
 * {@code span_id}.
 */
package app.flashcastr.observability.logging;
