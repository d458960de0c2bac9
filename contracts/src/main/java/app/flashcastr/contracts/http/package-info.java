/**
 * How every service calls the outside world (the flash feed, IPFS, Neynar): one reading
 * of {@code Retry-After} and one jittered backoff, so retries behave the same everywhere.
 */
package app.flashcastr.contracts.http;
