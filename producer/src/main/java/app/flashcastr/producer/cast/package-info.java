/**
 * Casting registered players' pinned flashes to Farcaster through Neynar (the auto-cast
 * feature).
 */
package app.flashcastr.producer.cast;
