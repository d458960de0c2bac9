package app.flashcastr.producer.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import app.flashcastr.contracts.messaging.Envelope;
import app.flashcastr.contracts.messaging.EnvelopeCodec;
import app.flashcastr.contracts.messaging.FlashReceived;
import app.flashcastr.contracts.messaging.FlashTopology;
import app.flashcastr.contracts.messaging.MessageType;
import app.flashcastr.producer.ProducerIntegrationTest;
import app.flashcastr.producer.ScriptedRandom;
import app.flashcastr.producer.TestClock;
import app.flashcastr.producer.TestFeed;
import app.flashcastr.simulators.feed.FeedSimulator;
import app.flashcastr.simulators.feed.SimulatedFlash;

import static org.assertj.core.api.Assertions.assertThat;

@ProducerIntegrationTest
class FlashSyncTests {

	@Autowired
	private FlashSync sync;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MeterRegistry registry;

	@Autowired
	private RabbitTemplate rabbit;

	@Autowired
	private AmqpAdmin admin;

	@Autowired
	private TestClock clock;

	@Autowired
	private ScriptedRandom random;

	private final EnvelopeCodec codec = new EnvelopeCodec();

	private final FeedSimulator feed = TestFeed.simulator();

	@BeforeEach
	void freshFeedAndQueue() {
		this.feed.faults().reset();
		this.clock.set(TestClock.todayInParisAt(12));
		this.random.set(0.99);
		// A moved flash_count makes the next run process, whatever earlier tests left in
		// memory.
		this.feed.emitFlashes(1);
		this.admin.purgeQueue(FlashTopology.CONSUMER_QUEUE, false);
	}

	@Test
	void storesEveryNewFlashAndPublishesOneConfirmedMessageEach() {
		List<SimulatedFlash> emitted = this.feed.emitFlashes(3);
		double publishedBefore = counter("invaders_bot_messages_published");
		double newBefore = counter("invaders_bot_flashes_new");

		SyncReport report = this.sync.runOnce();

		assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.PROCESSED);
		// Paris flashes of unregistered players are dropped by design; the rest must all
		// be new.
		assertThat(report.newFlashes())
			.isGreaterThanOrEqualTo((int) emitted.stream().filter((f) -> !f.paris()).count());
		for (SimulatedFlash flash : emitted.stream().filter((f) -> !f.paris()).toList()) {
			assertThat(storedPlayer(flash.flashId())).isEqualTo(flash.player());
		}
		assertThat(counter("invaders_bot_flashes_new") - newBefore).isEqualTo(report.newFlashes());
		int announced = report.newFlashes() + report.reannounced();
		assertThat(report.published()).isEqualTo(announced);
		assertThat(counter("invaders_bot_messages_published") - publishedBefore).isEqualTo(announced);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class)).isZero();
		List<Envelope<FlashReceived>> messages = drainQueue();
		assertThat(messages).hasSize(announced);
		assertThat(messages).extracting((m) -> m.payload().flashId())
			.doesNotHaveDuplicates()
			.containsAll(emitted.stream().filter((f) -> !f.paris()).map(SimulatedFlash::flashId).toList());
	}

	@Test
	void unchangedFlashCountSkipsWithNoChangesAndCountsTheRunsInARow() {
		assertThat(this.sync.runOnce().outcome()).isEqualTo(SyncReport.Outcome.PROCESSED);
		double before = skipped("no_changes");

		SyncReport first = this.sync.runOnce();
		SyncReport second = this.sync.runOnce();

		assertThat(first.skipReason()).isEqualTo("no_changes");
		assertThat(second.skipReason()).isEqualTo("no_changes");
		assertThat(skipped("no_changes") - before).isEqualTo(2);
		assertThat(gauge("invaders_bot_consecutive_unchanged_syncs")).isEqualTo(2);
		assertThat(gauge("invaders_bot_last_flash_count")).isEqualTo(this.feed.flashCount());

		this.feed.emitFlashes(1);
		assertThat(this.sync.runOnce().outcome()).isEqualTo(SyncReport.Outcome.PROCESSED);
		assertThat(gauge("invaders_bot_consecutive_unchanged_syncs")).isZero();
	}

	@Test
	void backoffSkipsTheFeedCallWithProbabilityGrowingWithUnchangedRuns() {
		this.sync.runOnce();
		this.sync.runOnce();
		this.sync.runOnce();
		// Two unchanged runs: backoff probability 0.2.
		int requests = this.feed.feedRequests();
		double before = skipped("backoff");

		this.random.set(0.19);
		SyncReport skippedRun = this.sync.runOnce();
		this.random.set(0.21);
		SyncReport calledRun = this.sync.runOnce();

		assertThat(skippedRun.skipReason()).isEqualTo("backoff");
		assertThat(calledRun.skipReason()).isEqualTo("no_changes");
		assertThat(skipped("backoff") - before).isEqualTo(1);
		assertThat(this.feed.feedRequests() - requests).isEqualTo(1);
	}

	@Test
	void aCertainBackoffStillReadsTheFeedAfterThreeSkipsAndSeesANewFlash() {
		this.sync.runOnce();
		for (int i = 0; i < 10; i++) {
			assertThat(this.sync.runOnce().skipReason()).isEqualTo("no_changes");
		}
		// Ten unchanged runs: the skip probability is 1 and the draw always skips.
		this.random.set(0.0);
		this.feed.emitFlashes(1);
		int requests = this.feed.feedRequests();

		List<String> reasons = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			SyncReport run = this.sync.runOnce();
			reasons.add((run.outcome() == SyncReport.Outcome.PROCESSED) ? "processed" : run.skipReason());
		}

		assertThat(reasons).containsExactly("backoff", "backoff", "backoff", "processed");
		assertThat(this.feed.feedRequests() - requests).isEqualTo(1);
		assertThat(gauge("invaders_bot_consecutive_unchanged_syncs")).isZero();
	}

	@Test
	void offPeakHoursSkipHalfTheRuns() {
		this.clock.set(TestClock.todayInParisAt(2));
		double before = skipped("off_peak_hours");
		int requests = this.feed.feedRequests();

		this.random.set(0.4);
		SyncReport skippedRun = this.sync.runOnce();
		this.random.set(0.6);
		SyncReport calledRun = this.sync.runOnce();

		assertThat(skippedRun.skipReason()).isEqualTo("off_peak_hours");
		assertThat(calledRun.outcome()).isEqualTo(SyncReport.Outcome.PROCESSED);
		assertThat(skipped("off_peak_hours") - before).isEqualTo(1);
		assertThat(this.feed.feedRequests() - requests).isEqualTo(1);
	}

	@Test
	void parisFlashesAreStoredAndPublishedOnlyForRegisteredPlayers() {
		this.jdbc.update("INSERT INTO flashcastr_users (fid, username) VALUES (4242, ?) ON CONFLICT (fid) DO NOTHING",
				TestFeed.REGISTERED_PARIS_PLAYER.toUpperCase(java.util.Locale.ROOT));
		this.jdbc.update("INSERT INTO flashcastr_users (fid, username, deleted) VALUES (4343, ?, true) "
				+ "ON CONFLICT (fid) DO NOTHING", TestFeed.UNREGISTERED_PARIS_PLAYER);
		SimulatedFlash registered = this.feed.emitFlash(TestFeed.REGISTERED_PARIS_PLAYER, "Paris", true);
		SimulatedFlash stranger = this.feed.emitFlash(TestFeed.UNREGISTERED_PARIS_PLAYER, "Paris", true);

		assertThat(this.sync.runOnce().outcome()).isEqualTo(SyncReport.Outcome.PROCESSED);

		assertThat(storedPlayer(registered.flashId())).isEqualTo(TestFeed.REGISTERED_PARIS_PLAYER);
		assertThat(storedPlayer(stranger.flashId())).isNull();
		assertThat(drainQueue()).extracting((m) -> m.payload().flashId())
			.contains(registered.flashId())
			.doesNotContain(stranger.flashId());
	}

	@Test
	void invalidRowsAreCountedByReasonAndNeverCostTheGoodOnes() {
		this.feed.faults().invalidRows(6);
		SimulatedFlash good = this.feed.emitFlashes(1).get(0);
		double before = invalidRows();

		SyncReport report = this.sync.runOnce();

		assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.PROCESSED);
		assertThat(report.invalidRows()).isGreaterThanOrEqualTo(6);
		assertThat(invalidRows() - before).isEqualTo(report.invalidRows());
		if (!good.paris()) {
			assertThat(storedPlayer(good.flashId())).isEqualTo(good.player());
		}
	}

	@Test
	void serverErrorsCountAsFailedCallsAndTheNextRunCatchesUp() {
		this.feed.faults().failWithStatus(500);
		double errors = apiCalls("error");
		SimulatedFlash waiting = this.feed.emitFlash("SomePlayer", "Tokyo", false);

		SyncReport failed = this.sync.runOnce();

		assertThat(failed.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
		assertThat(apiCalls("error") - errors).isEqualTo(2);
		this.feed.faults().reset();
		assertThat(this.sync.runOnce().outcome()).isEqualTo(SyncReport.Outcome.PROCESSED);
		assertThat(storedPlayer(waiting.flashId())).isEqualTo("SomePlayer");
	}

	/**
	 * Upstream's 301 (the path without its trailing slash redirected, in a loop): never
	 * followed, one failed call, no retry in the run (the same URL answers the same), and
	 * the next run after the fix catches up.
	 */
	@Test
	void aRedirectIsNotFollowedAndCountsAsOneFailedCall() {
		this.feed.faults().redirect(301, "/flashinvaders/flashes");
		double errors = apiCalls("error");
		double successes = apiCalls("success");
		int feedRequests = this.feed.feedRequests();
		int slashlessRequests = this.feed.redirects();
		SimulatedFlash waiting = this.feed.emitFlash("RedirectedPlayer", "Tokyo", false);

		SyncReport failed = this.sync.runOnce();

		assertThat(failed.outcome()).isEqualTo(SyncReport.Outcome.FAILED);
		assertThat(apiCalls("error") - errors).isEqualTo(1);
		assertThat(apiCalls("success")).isEqualTo(successes);
		assertThat(this.feed.feedRequests()).isEqualTo(feedRequests + 1);
		assertThat(this.feed.redirects()).isEqualTo(slashlessRequests);
		this.feed.faults().reset();
		assertThat(this.sync.runOnce().outcome()).isEqualTo(SyncReport.Outcome.PROCESSED);
		assertThat(storedPlayer(waiting.flashId())).isEqualTo("RedirectedPlayer");
	}

	@Test
	void rateLimitIsRetriedAfterRetryAfter() {
		this.feed.faults().rateLimit(Duration.ofSeconds(1), 1);
		double errors = apiCalls("error");
		double successes = apiCalls("success");

		SyncReport report = this.sync.runOnce();

		assertThat(report.outcome()).isEqualTo(SyncReport.Outcome.PROCESSED);
		assertThat(apiCalls("error") - errors).isEqualTo(1);
		assertThat(apiCalls("success") - successes).isEqualTo(1);
	}

	@Test
	void malformedBodiesAndTimeoutsCountAsFailedCalls() {
		double errors = apiCalls("error");
		this.feed.faults().malformedJson();
		assertThat(this.sync.runOnce().outcome()).isEqualTo(SyncReport.Outcome.FAILED);
		this.feed.faults().hang();
		assertThat(this.sync.runOnce().outcome()).isEqualTo(SyncReport.Outcome.FAILED);
		this.feed.faults().reset();
		assertThat(apiCalls("error") - errors).isEqualTo(4);
		assertThat(gauge("invaders_bot_last_api_call_timestamp")).isEqualTo(this.clock.instant().getEpochSecond());
	}

	@Test
	void anEmptyFeedIsNotRememberedSoNoFlashIsMissed() {
		SimulatedFlash hidden = this.feed.emitFlash("HiddenPlayer", "Rome", false);
		this.feed.faults().emptyLists();

		SyncReport empty = this.sync.runOnce();
		this.feed.faults().reset();
		SyncReport next = this.sync.runOnce();

		assertThat(empty.newFlashes()).isZero();
		assertThat(next.outcome()).isEqualTo(SyncReport.Outcome.PROCESSED);
		assertThat(storedPlayer(hidden.flashId())).isEqualTo("HiddenPlayer");
	}

	@Test
	void flashesStillMissingACidAreReannouncedAtMostOncePerInterval() {
		SimulatedFlash flash = this.feed.emitFlash("Waiting", "Lyon", false);
		this.sync.runOnce();
		this.jdbc.update("UPDATE flashes SET last_announced_at = now() - interval '2 hours' WHERE flash_id = ?",
				flash.flashId());
		this.admin.purgeQueue(FlashTopology.CONSUMER_QUEUE, false);

		this.feed.emitFlashes(1);
		SyncReport first = this.sync.runOnce();
		this.feed.emitFlashes(1);
		SyncReport second = this.sync.runOnce();

		assertThat(first.reannounced()).isGreaterThanOrEqualTo(1);
		assertThat(second.reannounced()).isZero();
		assertThat(drainQueue()).extracting((m) -> m.payload().flashId())
			.filteredOn((id) -> id == flash.flashId())
			.hasSize(1);
	}

	@Test
	void everyMessageCarriesTheTraceOfTheSyncThatStoredIt() {
		this.feed.emitFlashes(2);

		SyncReport report = this.sync.runOnce();

		assertThat(report.traceId()).isNotBlank();
		Message message = this.rabbit.receive(FlashTopology.CONSUMER_QUEUE, 5000);
		assertThat(message).isNotNull();
		assertThat((String) message.getMessageProperties().getHeader("traceparent")).contains(report.traceId());
		assertThat(message.getMessageProperties().getMessageId()).isNotBlank();
		Envelope<FlashReceived> envelope = this.codec.decode(message.getBody(), MessageType.FLASH_RECEIVED);
		assertThat(envelope.source()).isEqualTo("invaders-bot");
		assertThat(envelope.correlationId()).isEqualTo(Envelope.correlationIdOf(envelope.payload().flashId()));
	}

	private List<Envelope<FlashReceived>> drainQueue() {
		List<Envelope<FlashReceived>> messages = new ArrayList<>();
		Message message;
		while ((message = this.rabbit.receive(FlashTopology.CONSUMER_QUEUE, 200)) != null) {
			messages.add(this.codec.decode(message.getBody(), MessageType.FLASH_RECEIVED));
		}
		return messages;
	}

	private String storedPlayer(long flashId) {
		return this.jdbc.query("SELECT player FROM flashes WHERE flash_id = ?",
				(rs) -> rs.next() ? rs.getString(1) : null, flashId);
	}

	private double counter(String name) {
		return this.registry.get(name).counter().count();
	}

	private double skipped(String reason) {
		return this.registry.get("invaders_bot_sync_skipped").tag("reason", reason).counter().count();
	}

	private double apiCalls(String result) {
		return this.registry.get("invaders_bot_api_calls").tag("result", result).counter().count();
	}

	private double invalidRows() {
		return this.registry.get("invaders_bot_flashes_invalid")
			.counters()
			.stream()
			.mapToDouble((c) -> c.count())
			.sum();
	}

	private double gauge(String name) {
		return this.registry.get(name).gauge().value();
	}

}
