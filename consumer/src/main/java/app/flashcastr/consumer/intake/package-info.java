/**
 * Intake: the queue listener that takes each announced flash through lookup, download,
 * pin and store, acks only after the CID is committed, dead-letters what can never
 * succeed with its reason, and waits (holding its message, taking no new ones) while
 * PostgreSQL, IPFS or the image host is down; its metrics are read when scraped.
 */
package app.flashcastr.consumer.intake;
