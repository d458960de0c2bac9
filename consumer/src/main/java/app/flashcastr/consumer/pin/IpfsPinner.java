package app.flashcastr.consumer.pin;

import app.flashcastr.consumer.download.DownloadedImage;

/**
 * Pins an image to IPFS with ONE attempt per call; retries and the circuit breaker are
 * the caller's ({@link GuardedPinner}). Implementations are thread-safe and share one
 * HTTP client across calls.
 */
interface IpfsPinner {

	/**
	 * Uploads and pins the image.
	 * @param image the image
	 * @return its CID and pinned size
	 * @throws PinFailure when this attempt failed
	 */
	PinnedImage pin(DownloadedImage image);

	/** {@code pinata} or {@code kubo}, for logs and metrics. */
	String provider();

}
