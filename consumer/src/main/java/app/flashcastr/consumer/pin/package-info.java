/**
 * Pinning images to IPFS: one HTTP attempt per call against Pinata or a Kubo node
 * ({@link IpfsPinner}), failures classified as transient (held and retried) or permanent
 * for the circuit breaker around it ({@link GuardedPinner}).
 */
package app.flashcastr.consumer.pin;
