/**
 * Reliable publishing for every service: the transactional outbox, and the relay that
 * publishes its entries with publisher confirms and {@code mandatory}, deleting an entry
 * only once the broker confirmed it.
 */
package app.flashcastr.contracts.outbox;
