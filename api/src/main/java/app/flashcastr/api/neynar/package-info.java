/**
 * The Neynar v2 REST client of the API: managed signers for signup, Farcaster users by
 * fid and by custody address; bounded retries, per-endpoint request metrics.
 */
package app.flashcastr.api.neynar;
