/**
 * Outages of the services a flash needs (PostgreSQL, IPFS, the image host): a step that
 * fails transiently is retried while the flash holds its message, never dead-lettered;
 * while a service is down one holder probes it and the others wait for that probe.
 */
package app.flashcastr.consumer.outage;
