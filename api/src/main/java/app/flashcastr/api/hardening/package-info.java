/**
 * Limits that keep hostile GraphQL documents cheap to refuse: body and document size,
 * parser tokens, depth and complexity; plus upstream's POST on {@code /}.
 */
package app.flashcastr.api.hardening;
