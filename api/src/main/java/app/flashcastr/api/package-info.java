/**
 * flashcastr.api: the GraphQL API of Flashcastr — flashes, users, signup, leaderboards —
 * over the shared PostgreSQL schema.
 */
package app.flashcastr.api;
