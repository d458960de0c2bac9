package app.flashcastr.consumer.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import app.flashcastr.consumer.ConsumerIntegrationTest;
import app.flashcastr.consumer.TestWorld;
import app.flashcastr.contracts.messaging.Envelope;
import app.flashcastr.contracts.messaging.EnvelopeCodec;
import app.flashcastr.contracts.messaging.FlashPinned;
import app.flashcastr.contracts.messaging.FlashReceived;
import app.flashcastr.contracts.messaging.FlashTopology;
import app.flashcastr.contracts.messaging.MessageType;
import app.flashcastr.simulators.ipfs.IpfsSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ConsumerIntegrationTest
class FlashIntakeTests {

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private RabbitTemplate rabbit;

	@Autowired
	private AmqpAdmin admin;

	@Autowired
	private MeterRegistry registry;

	@Autowired
	private Tracer tracer;

	private final EnvelopeCodec codec = new EnvelopeCodec();

	@BeforeEach
	@AfterEach
	void healthyWorld() {
		TestWorld.ipfs().kuboFaults().reset();
		TestWorld.feed().imageFaults().reset();
		this.admin.purgeQueue(FlashTopology.DEAD_LETTER_QUEUE, false);
		this.admin.purgeQueue(FlashTopology.CASTING_QUEUE, false);
	}

	@Test
	void pinsStoresAndAnnouncesEachFlash() {
		List<FlashReceived> flashes = TestWorld.storeNewFlashes(this.jdbc, 5);

		flashes.forEach((flash) -> TestWorld.announce(this.rabbit, flash));

		await().atMost(Duration.ofSeconds(20)).until(() -> TestWorld.missingCids(this.jdbc, flashes) == 0);
		for (FlashReceived flash : flashes) {
			String cid = TestWorld.cidOf(this.jdbc, flash.flashId());
			assertThat(cid).startsWith("Qm").hasSize(46);
			assertThat(TestWorld.ipfs().pinsOf(cid)).isEqualTo(1);
		}
		List<FlashPinned> pinned = receiveAll(FlashTopology.CASTING_QUEUE, flashes.size());
		assertThat(pinned).extracting(FlashPinned::flashId)
			.containsExactlyInAnyOrderElementsOf(flashes.stream().map(FlashReceived::flashId).toList());
		assertThat(pinned)
			.allSatisfy((event) -> assertThat(event.ipfsCid()).isEqualTo(TestWorld.cidOf(this.jdbc, event.flashId())));
	}

	@Test
	void theConsumerContinuesTheProducersTraceIntoThePinnedAnnouncement() {
		FlashReceived flash = TestWorld.storeNewFlashes(this.jdbc, 1).get(0);
		// Published inside a span, as the producer's relay does: the template injects
		// that trace.
		Span producerSpan = this.tracer.nextSpan().name("outbox publish").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(producerSpan)) {
			TestWorld.announce(this.rabbit, flash);
		}
		finally {
			producerSpan.end();
		}
		String traceId = producerSpan.context().traceId();

		Message pinned = receivePinned(flash.flashId());
		assertThat((String) pinned.getMessageProperties().getHeader("traceparent")).contains(traceId);
	}

	@Test
	void threeDeliveriesOfOneFlashCostOnePinAndOneUpdate() {
		FlashReceived flash = TestWorld.storeNewFlashes(this.jdbc, 1).get(0);
		double processedBefore = counter("invaders_consumer_flashes_processed");
		double duplicatesBefore = counter("invaders_consumer_flashes_duplicate");

		TestWorld.announce(this.rabbit, flash);
		TestWorld.announce(this.rabbit, flash);
		TestWorld.announce(this.rabbit, flash);

		await().atMost(Duration.ofSeconds(20))
			.until(() -> counter("invaders_consumer_flashes_duplicate") - duplicatesBefore == 2);
		String cid = TestWorld.cidOf(this.jdbc, flash.flashId());
		assertThat(TestWorld.ipfs().pinsOf(cid)).isEqualTo(1);
		assertThat(counter("invaders_consumer_flashes_processed") - processedBefore).isEqualTo(1);
		assertThat(receiveAll(FlashTopology.CASTING_QUEUE, 1)).hasSize(1);
	}

	@Test
	void poisonMessagesAreDeadLetteredWithTheirReasonAndTheNextGoodOneFlows() {
		FlashReceived good = TestWorld.storeNewFlashes(this.jdbc, 1).get(0);
		String unknownVersion = new String(this.codec.encode(Envelope.of(MessageType.FLASH_RECEIVED,
				java.time.Instant.now(), "invaders-bot", Envelope.correlationIdOf(1), good)),
				java.nio.charset.StandardCharsets.UTF_8)
			.replace("\"version\":1", "\"version\":9");

		TestWorld.announceRaw(this.rabbit, "{not json");
		TestWorld.announceRaw(this.rabbit, unknownVersion);
		long sent = System.nanoTime();
		TestWorld.announce(this.rabbit, good);

		await().atMost(Duration.ofSeconds(5)).until(() -> TestWorld.cidOf(this.jdbc, good.flashId()) != null);
		assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(5));
		List<Message> dead = receiveRaw(FlashTopology.DEAD_LETTER_QUEUE, 2);
		assertThat(dead)
			.extracting((m) -> (String) m.getMessageProperties().getHeader(FlashTopology.DEATH_REASON_HEADER))
			.containsExactlyInAnyOrder("malformed_json", "unsupported_version");
		assertThat(
				this.registry.get("invaders_consumer_dead_lettered").tag("reason", "malformed_json").counter().count())
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void aMissingImageIsDeadLetteredAtOnceAsNotFound() {
		FlashReceived flash = TestWorld.storeNewFlashes(this.jdbc, 1).get(0);
		FlashReceived broken = new FlashReceived(flash.flashId(), "/media/queries/missing/img_gone.jpg", flash.city(),
				flash.text(), flash.player(), flash.timestamp(), flash.flashCount(), flash.firstSeenAt());

		TestWorld.announce(this.rabbit, broken);

		List<Message> dead = receiveRaw(FlashTopology.DEAD_LETTER_QUEUE, 1);
		assertThat((String) dead.get(0).getMessageProperties().getHeader(FlashTopology.DEATH_REASON_HEADER))
			.isEqualTo("not_found");
		assertThat(TestWorld.cidOf(this.jdbc, flash.flashId())).isNull();
	}

	@Test
	void anIpfsOutageOpensTheBreakerPausesTheIntakeAndLosesNothing() {
		List<FlashReceived> flashes = TestWorld.storeNewFlashes(this.jdbc, 30);
		double deadBefore = deadLettered();
		TestWorld.ipfs().kuboFaults().outage();

		flashes.forEach((flash) -> TestWorld.announce(this.rabbit, flash));

		await().atMost(Duration.ofSeconds(20)).until(() -> gauge("invaders_consumer_circuit_breaker_state") != 0);
		// Held, not nacked in a loop: the rest waits in the queue.
		await().atMost(Duration.ofSeconds(10)).until(() -> gauge("invaders_consumer_queue_depth") > 0);
		assertThat(TestWorld.missingCids(this.jdbc, flashes)).isPositive();

		TestWorld.ipfs().kuboFaults().reset();

		await().atMost(Duration.ofSeconds(60)).until(() -> TestWorld.missingCids(this.jdbc, flashes) == 0);
		assertThat(deadLettered() - deadBefore).isZero();
		await().atMost(Duration.ofSeconds(10)).until(() -> gauge("invaders_consumer_circuit_breaker_state") == 0);
	}

	private List<FlashPinned> receiveAll(String queue, int expected) {
		return receiveRaw(queue, expected).stream()
			.map((m) -> this.codec.decode(m.getBody(), MessageType.FLASH_PINNED).payload())
			.toList();
	}

	private Message receivePinned(long flashId) {
		List<Message> match = new ArrayList<>();
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			Message message = this.rabbit.receive(FlashTopology.CASTING_QUEUE, 200);
			if (message != null
					&& this.codec.decode(message.getBody(), MessageType.FLASH_PINNED).payload().flashId() == flashId) {
				match.add(message);
			}
			return !match.isEmpty();
		});
		return match.get(0);
	}

	private List<Message> receiveRaw(String queue, int expected) {
		List<Message> messages = new ArrayList<>();
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			Message message = this.rabbit.receive(queue, 200);
			if (message != null) {
				messages.add(message);
			}
			return messages.size() >= expected;
		});
		return messages;
	}

	private double counter(String name) {
		return this.registry.get(name).counter().count();
	}

	private double gauge(String name) {
		return this.registry.get(name).gauge().value();
	}

	private double deadLettered() {
		return this.registry.get("invaders_consumer_dead_lettered")
			.counters()
			.stream()
			.mapToDouble((c) -> c.count())
			.sum();
	}

}
