/**
 * In-process result caches keyed by their arguments, with one load per key and hit/miss
 * counters.
 */
package app.flashcastr.api.cache;
