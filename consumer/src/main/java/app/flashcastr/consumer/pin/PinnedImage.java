package app.flashcastr.consumer.pin;

/**
 * An image pinned to IPFS.
 *
 * @param cid its CID as the service returned it (CIDv0 {@code Qm…} or CIDv1 {@code b…})
 * @param size the pinned size the service reported, in bytes
 */
public record PinnedImage(String cid, long size) {
}
