/**
 * invaders.consumer: takes announced flashes from its quorum queue, downloads each image,
 * pins it to IPFS behind a circuit breaker, stores the CID in PostgreSQL, and announces
 * the pinned flash.
 */
package app.flashcastr.consumer;
