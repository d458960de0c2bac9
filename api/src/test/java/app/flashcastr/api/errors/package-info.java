/**
 * Tests of the error classification.
 */
package app.flashcastr.api.errors;
