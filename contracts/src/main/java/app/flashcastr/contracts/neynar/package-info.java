/**
 * The one way our services call Neynar's v2 REST API: settings, bounded retries that
 * honour {@code Retry-After}, errors that name the endpoint and status but never the key.
 */
package app.flashcastr.contracts.neynar;
