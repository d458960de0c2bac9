package app.flashcastr.contracts.messaging;

/**
 * Names of the RabbitMQ topology every service agrees on. Queues are named after the
 * service that consumes them.
 */
public final class FlashTopology {

	/**
	 * Durable topic exchange for all flash events; the routing key is the message type.
	 */
	public static final String EVENTS_EXCHANGE = "flashcastr.events";

	/** Durable topic exchange that receives rejected and expired messages. */
	public static final String DEAD_LETTER_EXCHANGE = "flashcastr.dlx";

	/** The consumer's queue of flashes to pin. */
	public static final String CONSUMER_QUEUE = "invaders-consumer.flash-received";

	/** The producer's queue of pinned flashes to cast. */
	public static final String CASTING_QUEUE = "invaders-bot.flash-pinned";

	/** Where dead letters of every queue end up, for inspection and replay. */
	public static final String DEAD_LETTER_QUEUE = "flashcastr.dead-letters";

	/** Header a consumer sets on a message it dead-letters itself: why. */
	public static final String DEATH_REASON_HEADER = "x-flashcastr-death-reason";

	/**
	 * Header a consumer sets on a message it dead-letters itself: the error, one line.
	 */
	public static final String DEATH_DETAIL_HEADER = "x-flashcastr-death-detail";

	/**
	 * Header carrying the envelope version, so a consumer can route by version without
	 * parsing.
	 */
	public static final String VERSION_HEADER = "x-flashcastr-version";

	private FlashTopology() {
	}

}
