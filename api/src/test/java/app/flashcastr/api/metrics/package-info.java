/**
 * Tests of the API's meters.
 */
package app.flashcastr.api.metrics;
