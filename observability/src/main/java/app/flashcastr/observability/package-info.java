/**
 * Shared observability for every Flashcastr service: default management properties,
 * metric conventions, process gauges, structured logs and readiness probes, applied by
 * depending on this module.
 */
package app.flashcastr.observability;
