/**
 * Messages between services: the versioned
 * {@link app.flashcastr.contracts.messaging.Envelope}, its payloads, the codec that reads
 * and writes the wire format, and the RabbitMQ topology.
 */
package app.flashcastr.contracts.messaging;
