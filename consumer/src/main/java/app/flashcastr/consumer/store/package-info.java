/**
 * Store: reading a flash's pin state, and writing CIDs in batches together with their
 * {@code flash.pinned} announcements, first write wins.
 */
package app.flashcastr.consumer.store;
