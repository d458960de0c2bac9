/**
 * Where tests get PostgreSQL and RabbitMQ from (environment URLs, local services, or
 * Testcontainers), with a fresh database and vhost per Spring test context.
 */
package app.flashcastr.testinfra;
