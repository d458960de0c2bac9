/**
 * Tests of how GraphQL documents are parsed, validated and kept.
 */
package app.flashcastr.api.execution;
