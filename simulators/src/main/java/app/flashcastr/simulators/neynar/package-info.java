/**
 * Simulator of the Neynar v2 REST API the API and the producer use: managed signers (with
 * EIP-712 signed key request verification and approval after a few polls), users by fid
 * and by custody address, and casts with the {@code idem} idempotency key.
 */
package app.flashcastr.simulators.neynar;
