/**
 * Reliable publishing for the services that write PostgreSQL and publish to RabbitMQ: the
 * transactional outbox, and the relay that publishes its entries with publisher confirms
 * and {@code mandatory}, deleting an entry only once the broker confirmed it.
 */
package app.flashcastr.outbox;
