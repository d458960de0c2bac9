/**
 * Unit tests of the metric conventions that need package access.
 */
package app.flashcastr.observability.metrics;
