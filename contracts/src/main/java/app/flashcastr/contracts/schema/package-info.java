/**
 * The shared PostgreSQL schema (Flyway migrations under {@code db/migration}), connection
 * settings from upstream's environment variables, and the advisory-lock keys services use
 * to coordinate.
 */
package app.flashcastr.contracts.schema;
