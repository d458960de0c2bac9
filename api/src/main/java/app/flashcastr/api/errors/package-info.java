/**
 * How failures reach GraphQL clients: a classification per failure the caller can act on,
 * never a stack trace or SQL.
 */
package app.flashcastr.api.errors;
