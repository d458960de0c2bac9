/**
 * What the Flashcastr services agree on: the shared PostgreSQL schema, the message
 * envelope and its payloads, and the AMQP topology names.
 */
package app.flashcastr.contracts;
