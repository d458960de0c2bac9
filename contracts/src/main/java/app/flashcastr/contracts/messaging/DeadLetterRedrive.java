package app.flashcastr.contracts.messaging;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;

/**
 * Puts dead letters back where they came from, without hand-written AMQP: counts what
 * {@code flashcastr.dead-letters} holds by reason and by type (a dry run moves nothing),
 * and moves up to a limit of matching ones back to {@code flashcastr.events} under their
 * original routing key (the message type).
 * <p>
 * Each moved message is republished with a publisher confirm and only then acked, so a
 * redrive that dies midway loses nothing: at worst a message is both back in its queue
 * and still a dead letter, a duplicate the consumers absorb by idempotency. The death
 * headers are stripped and {@value #REDRIVEN_HEADER} counts the redrives, so repeat
 * offenders show. Messages that do not match, or lie beyond the limit, are held unacked
 * while the queue is walked and then returned in one go, in their order.
 * <p>
 * Note for RabbitMQ 4: a quorum queue counts each return as a delivery and has a default
 * delivery limit of 20; give the dead-letter queue {@code delivery-limit: -1} by policy
 * there, or dry runs would age its messages. The devstack's embedded broker (Qpid) hands
 * out nothing more while a message is held: there counts cover only the head of the queue
 * and a filtered redrive stops at the first dead letter that does not match.
 */
public final class DeadLetterRedrive {

	/** Header counting how often a message was redriven. */
	public static final String REDRIVEN_HEADER = "x-flashcastr-redriven";

	/** The reason of a dead letter that says none. */
	public static final String UNKNOWN_REASON = "unknown";

	/** How many dead letters a census or redrive looks at, at most. */
	public static final int MAX_SCANNED = 100_000;

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterRedrive.class);

	/** Headers the broker or {@link DeadLetters} set when a message died. */
	private static final Set<String> DEATH_HEADERS = Set.of("x-death", "x-first-death-exchange", "x-first-death-queue",
			"x-first-death-reason", "x-last-death-exchange", "x-last-death-queue", "x-last-death-reason",
			"x-delivery-count", FlashTopology.DEATH_REASON_HEADER, FlashTopology.DEATH_DETAIL_HEADER);

	private static final long CONFIRM_TIMEOUT_SECONDS = 10;

	private static final int EMPTY_GET_RETRIES = 5;

	private static final long EMPTY_GET_PAUSE_MILLIS = 50;

	private final RabbitTemplate rabbitTemplate;

	private final String deadLetterQueue;

	private final String exchange;

	private final Consumer<String> redriven;

	private final MessagePropertiesConverter converter = new DefaultMessagePropertiesConverter();

	/**
	 * A redrive of the shared dead-letter queue into the events exchange.
	 * @param rabbitTemplate a template with publisher confirms and returns (mandatory)
	 * @param redriven counts a moved message by its death reason (the service's metric)
	 */
	public DeadLetterRedrive(RabbitTemplate rabbitTemplate, Consumer<String> redriven) {
		this(rabbitTemplate, FlashTopology.DEAD_LETTER_QUEUE, FlashTopology.EVENTS_EXCHANGE, redriven);
	}

	/**
	 * A redrive between the given queue and exchange (tests use names of their own).
	 * @param rabbitTemplate a template with publisher confirms and returns (mandatory)
	 * @param deadLetterQueue where the dead letters are
	 * @param exchange where they go back to, under their received routing key
	 * @param redriven counts a moved message by its death reason
	 */
	public DeadLetterRedrive(RabbitTemplate rabbitTemplate, String deadLetterQueue, String exchange,
			Consumer<String> redriven) {
		this.rabbitTemplate = rabbitTemplate;
		this.deadLetterQueue = deadLetterQueue;
		this.exchange = exchange;
		this.redriven = redriven;
	}

	/**
	 * Counts the dead letters by reason and by type, moving nothing.
	 * @return the census
	 */
	public Census census() {
		Result dryRun = redrive(new Request(0, null, null, true));
		return new Census(dryRun.total(), dryRun.scanned(), dryRun.byReason(), dryRun.byType());
	}

	/**
	 * Moves up to {@code request.limit()} matching dead letters back, or, for a dry run,
	 * says which it would move.
	 * @param request what to move
	 * @return what was moved, left and counted
	 */
	public synchronized Result redrive(Request request) {
		Result result = this.rabbitTemplate.execute((channel) -> walk(channel, request));
		if (!request.dryRun() && result.moved() > 0) {
			logger.info("Redrove {} dead letters to {} ({} skipped, {} failed, {} left)", result.moved(), this.exchange,
					result.skipped(), result.failed(), result.remaining());
		}
		return result;
	}

	private Result walk(Channel channel, Request request) throws IOException {
		// Read until the queue gives nothing more: held messages are not given again, and
		// a quorum queue's count can lag behind returns it has just taken back.
		long counted = channel.messageCount(this.deadLetterQueue);
		Tally tally = new Tally();
		long lastHeld = -1;
		try {
			while (tally.scanned < MAX_SCANNED) {
				if (!request.dryRun() && tally.moved + tally.failed >= request.limit() && request.reason() == null
						&& request.type() == null) {
					// Nothing left to count that the answer needs: the rest stays put.
					break;
				}
				GetResponse response = get(channel, tally.scanned < counted);
				if (response == null) {
					break;
				}
				long tag = response.getEnvelope().getDeliveryTag();
				Message message = new Message(response.getBody(),
						this.converter.toMessageProperties(response.getProps(), response.getEnvelope(), "UTF-8"));
				String reason = reasonOf(message.getMessageProperties());
				String type = response.getEnvelope().getRoutingKey();
				tally.seen(reason, type);
				boolean wanted = request.matches(reason, type) && tally.moved + tally.failed < request.limit();
				if (!wanted) {
					tally.skipped++;
					lastHeld = tag;
				}
				else if (request.dryRun()) {
					tally.moved++;
					lastHeld = tag;
				}
				else if (republish(message, type)) {
					channel.basicAck(tag, false);
					tally.moved++;
					tally.movedByReason.merge(reason, 1L, Long::sum);
					this.redriven.accept(reason);
				}
				else {
					tally.failed++;
					lastHeld = tag;
				}
			}
		}
		finally {
			if (lastHeld >= 0) {
				// Every unacked message up to the last held one goes back, in order.
				channel.basicNack(lastHeld, true, true);
			}
		}
		long total = Math.max(counted, tally.scanned);
		long remaining = request.dryRun() ? total : Math.max(0, total - tally.moved);
		return new Result(request.dryRun(), tally.moved, tally.skipped, tally.failed, remaining, total, tally.scanned,
				tally.byReason, tally.byType, tally.movedByReason);
	}

	/**
	 * The next dead letter, or null. While the count says more are there, an empty answer
	 * is asked again a few times: a broker may answer empty while the queue takes a
	 * publish (the devstack's embedded Qpid does).
	 */
	private @Nullable GetResponse get(Channel channel, boolean moreExpected) throws IOException {
		GetResponse response = channel.basicGet(this.deadLetterQueue, false);
		for (int attempt = 0; response == null && moreExpected && attempt < EMPTY_GET_RETRIES; attempt++) {
			try {
				Thread.sleep(EMPTY_GET_PAUSE_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
			response = channel.basicGet(this.deadLetterQueue, false);
		}
		return response;
	}

	private boolean republish(Message message, String routingKey) {
		MessageProperties properties = message.getMessageProperties();
		Object previous = properties.getHeaders().get(REDRIVEN_HEADER);
		DEATH_HEADERS.forEach(properties.getHeaders()::remove);
		properties.setHeader(REDRIVEN_HEADER, redriveCount(previous) + 1);
		try {
			CorrelationData correlation = new CorrelationData();
			this.rabbitTemplate.send(this.exchange, routingKey, message, correlation);
			CorrelationData.Confirm confirm = correlation.getFuture().get(CONFIRM_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			if (confirm.ack() && correlation.getReturned() == null) {
				return true;
			}
			logger.warn("Redrive of message {} to {} not accepted ({}): it stays a dead letter",
					properties.getMessageId(), routingKey,
					(correlation.getReturned() != null) ? "unroutable" : "nacked");
			return false;
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			logger.warn("Redrive of message {} failed ({}): it stays a dead letter", properties.getMessageId(),
					ex.getClass().getSimpleName());
			return false;
		}
	}

	private static long redriveCount(@Nullable Object header) {
		if (header instanceof Number number) {
			return number.longValue();
		}
		if (header != null) {
			try {
				return Long.parseLong(header.toString());
			}
			catch (NumberFormatException ex) {
				return 0;
			}
		}
		return 0;
	}

	/**
	 * Why a message died: our own reason header, else the broker's first death reason
	 * ({@code rejected}, {@code expired}, {@code maxlen}, {@code delivery_limit}).
	 */
	static String reasonOf(MessageProperties properties) {
		Object reason = properties.getHeaders().get(FlashTopology.DEATH_REASON_HEADER);
		if (reason != null && !reason.toString().isBlank()) {
			return reason.toString();
		}
		List<Map<String, ?>> deaths = properties.getXDeathHeader();
		if (deaths != null && !deaths.isEmpty() && deaths.get(0).get("reason") != null) {
			return deaths.get(0).get("reason").toString();
		}
		return UNKNOWN_REASON;
	}

	/**
	 * What to redrive.
	 *
	 * @param limit how many matching dead letters to move at most
	 * @param reason only those that died for this reason, or null for any
	 * @param type only those of this message type (routing key), or null for any
	 * @param dryRun count what would move, move nothing
	 */
	public record Request(int limit, @Nullable String reason, @Nullable String type, boolean dryRun) {

		public Request {
			if (limit < 0) {
				throw new IllegalArgumentException("limit must be 0 or more, was " + limit);
			}
		}

		boolean matches(String deathReason, String messageType) {
			return (this.reason == null || this.reason.equals(deathReason))
					&& (this.type == null || this.type.equals(messageType));
		}

	}

	/**
	 * What the dead-letter queue holds.
	 *
	 * @param total dead letters in the queue
	 * @param scanned how many were looked at (all, up to {@value #MAX_SCANNED})
	 * @param byReason counts by death reason
	 * @param byType counts by message type (routing key)
	 */
	public record Census(long total, long scanned, Map<String, Long> byReason, Map<String, Long> byType) {
	}

	/**
	 * The outcome of a redrive.
	 *
	 * @param dryRun whether nothing was moved
	 * @param moved moved back (for a dry run: would be moved)
	 * @param skipped looked at and left: not matching, or beyond the limit
	 * @param failed matching but not accepted back (nacked, unroutable, timed out): left
	 * @param remaining dead letters left (the count at the start, less those moved)
	 * @param total dead letters at the start
	 * @param scanned dead letters looked at
	 * @param byReason those looked at, by death reason
	 * @param byType those looked at, by message type
	 * @param movedByReason those moved, by death reason
	 */
	public record Result(boolean dryRun, long moved, long skipped, long failed, long remaining, long total,
			long scanned, Map<String, Long> byReason, Map<String, Long> byType, Map<String, Long> movedByReason) {
	}

	/** Counts kept while walking the queue. */
	private static final class Tally {

		private long scanned;

		private long moved;

		private long skipped;

		private long failed;

		private final Map<String, Long> byReason = new TreeMap<>();

		private final Map<String, Long> byType = new TreeMap<>();

		private final Map<String, Long> movedByReason = new TreeMap<>();

		void seen(String reason, String type) {
			this.scanned++;
			this.byReason.merge(reason, 1L, Long::sum);
			this.byType.merge(type, 1L, Long::sum);
		}

	}

}
