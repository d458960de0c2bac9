/**
 * How operations run: parsed and validated documents reused across requests, and one
 * observation per operation rather than one per resolved field (both found by profiling
 * the API benchmark).
 */
package app.flashcastr.api.execution;
