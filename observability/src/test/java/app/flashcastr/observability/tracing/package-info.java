/**
 * Tests of span export.
 */
package app.flashcastr.observability.tracing;
