/**
 * Benchmarks that run the services as JVMs against the real PostgreSQL and RabbitMQ and
 * print figures.
 */
package app.flashcastr.bench;
