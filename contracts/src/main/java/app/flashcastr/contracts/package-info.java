/**
 * What the Flashcastr services agree on: the shared PostgreSQL schema, the message
 * envelope and its payloads, the AMQP topology and dead letters, the connection
 * variables, and how retries back off.
 */
package app.flashcastr.contracts;
