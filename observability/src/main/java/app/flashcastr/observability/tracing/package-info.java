/**
 * How the services' spans leave the process.
 */
package app.flashcastr.observability.tracing;
