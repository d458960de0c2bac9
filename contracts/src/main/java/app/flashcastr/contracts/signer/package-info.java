/**
 * The encryption of a user's Neynar signer UUID at rest, shared by the API (stores it at
 * signup) and the producer (decrypts it to cast).
 */
package app.flashcastr.contracts.signer;
