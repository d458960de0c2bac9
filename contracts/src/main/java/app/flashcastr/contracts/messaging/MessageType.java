package app.flashcastr.contracts.messaging;

/**
 * A message type on the wire: its name (also its routing key), the payload version this
 * code writes and reads, and the payload class.
 *
 * @param name type name and routing key, e.g. {@code flash.received}
 * @param version current payload version
 * @param payloadClass the record the payload maps to
 * @param <T> payload type
 */
public record MessageType<T>(String name, int version, Class<T> payloadClass) {

	/** A flash the producer stored and announces for pinning. */
	public static final MessageType<FlashReceived> FLASH_RECEIVED = new MessageType<>("flash.received", 1,
			FlashReceived.class);

	/** A flash whose image is pinned to IPFS and whose CID is stored. */
	public static final MessageType<FlashPinned> FLASH_PINNED = new MessageType<>("flash.pinned", 1, FlashPinned.class);

}
