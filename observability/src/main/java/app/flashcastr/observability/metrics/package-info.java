/**
 * Metric conventions: the service-prefixed meter factory, process uptime and memory
 * gauges, and the cardinality guard.
 */
package app.flashcastr.observability.metrics;
