/**
 * Tests of the observability module against a tiny service, scraped and probed over HTTP.
 */
package app.flashcastr.observability;
