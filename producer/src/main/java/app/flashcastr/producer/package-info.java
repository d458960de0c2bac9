/**
 * invaders.bot: polls the Space Invaders flash feed, stores new flashes, publishes them
 * reliably through an outbox, and (later) casts registered players' flashes to Farcaster.
 */
package app.flashcastr.producer;
