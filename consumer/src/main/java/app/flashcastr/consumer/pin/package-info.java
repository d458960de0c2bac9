/**
 * Pinning images to IPFS: one HTTP attempt per call against Pinata or a Kubo node
 * ({@link IpfsPinner}), failures classified for the retry loop and circuit breaker around
 * it ({@link GuardedPinner}).
 */
package app.flashcastr.consumer.pin;
