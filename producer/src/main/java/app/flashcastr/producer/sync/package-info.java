/**
 * Feed sync: fetch the Space Invaders feed, gate runs (off-peak, backoff, unchanged
 * count), validate rows, store new flashes and queue their announcements in the outbox,
 * one replica at a time.
 */
package app.flashcastr.producer.sync;
