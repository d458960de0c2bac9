/**
 * How every service retries the outside world (the flash feed, IPFS, Neynar) and waits
 * out an outage: one reading of {@code Retry-After} and one jittered backoff, so retries
 * behave the same everywhere.
 */
package app.flashcastr.contracts.retry;
