/**
 * Unified flashes: a flash with its Flashcastr owner and its identification, both batched
 * in one statement.
 */
package app.flashcastr.api.unified;
