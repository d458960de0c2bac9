/**
 * The shared PostgreSQL schema (Flyway migrations under {@code db/migration}), the
 * {@code DATABASE_URL} form upstream hands out, and the advisory-lock keys services use
 * to coordinate.
 */
package app.flashcastr.contracts.schema;
