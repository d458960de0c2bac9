/**
 * Messages between services: the versioned
 * {@link app.flashcastr.contracts.messaging.Envelope}, its payloads, the codec that reads
 * and writes the wire format, the RabbitMQ topology, dead letters with their reason, and
 * the one way a listener holds its message through an outage
 * ({@link app.flashcastr.contracts.messaging.OutageHold}).
 */
package app.flashcastr.contracts.messaging;
