/**
 * How operations run: parsed and validated documents reused across requests (the same
 * text, or the same query with other literal arguments), one observation per operation
 * rather than one per resolved field, and a ready answer written without the servlet
 * async round trip (each found by profiling the API benchmark).
 */
package app.flashcastr.api.execution;
