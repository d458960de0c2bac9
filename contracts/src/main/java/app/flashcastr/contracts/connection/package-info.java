/**
 * Upstream's connection variables: {@code DATABASE_URL} and {@code RABBITMQ_URL} (one
 * broker or every node of a cluster) turned into Spring's datasource and RabbitMQ
 * properties at start-up.
 */
package app.flashcastr.contracts.connection;
