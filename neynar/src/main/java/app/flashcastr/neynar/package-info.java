/**
 * The one way our services call Neynar's v2 REST API (settings, bounded retries that
 * honour {@code Retry-After}, errors that name the endpoint and status but never the
 * key), and the encryption of a user's signer UUID at rest, shared by the API (stores it
 * at signup) and the producer (decrypts it to cast).
 */
package app.flashcastr.neynar;
