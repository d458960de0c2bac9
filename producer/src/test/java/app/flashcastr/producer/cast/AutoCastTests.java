package app.flashcastr.producer.cast;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import app.flashcastr.contracts.messaging.Envelope;
import app.flashcastr.contracts.messaging.EnvelopeCodec;
import app.flashcastr.contracts.messaging.FlashPinned;
import app.flashcastr.contracts.messaging.FlashTopology;
import app.flashcastr.contracts.messaging.MessageType;
import app.flashcastr.neynar.SignerCipher;
import app.flashcastr.producer.ProducerIntegrationTest;
import app.flashcastr.simulators.neynar.NeynarSimulator;
import app.flashcastr.simulators.neynar.NeynarSimulatorSettings;
import app.flashcastr.simulators.neynar.SimulatedCast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Auto-cast on real PostgreSQL and RabbitMQ with the Neynar simulator: pinned events in,
 * casts out, exactly once, and failures that neither lose a cast nor retry a refused one.
 */
@ProducerIntegrationTest
class AutoCastTests {

	private static final String SIGNER_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

	private static final NeynarSimulator neynar = NeynarSimulator.start(NeynarSimulatorSettings.defaults().withPort(0));

	private static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() * 10);

	private final SignerCipher cipher = new SignerCipher(SIGNER_KEY);

	private final EnvelopeCodec codec = new EnvelopeCodec();

	@Autowired
	private RabbitTemplate rabbit;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private AutoCaster caster;

	@Autowired
	private MeterRegistry registry;

	@DynamicPropertySource
	static void neynarAndCasting(DynamicPropertyRegistry registry) {
		registry.add("flashcastr.neynar.base-url", neynar::baseUri);
		registry.add("flashcastr.neynar.api-key", neynar::apiKey);
		registry.add("flashcastr.neynar.retry-backoff", () -> "10ms");
		registry.add("flashcastr.neynar.max-retry-delay", () -> "200ms");
		registry.add("flashcastr.neynar.max-retries", () -> "1");
		registry.add("invaders.bot.cast.signer-encryption-key", () -> SIGNER_KEY);
		// The tests run the retry worker themselves.
		registry.add("invaders.bot.cast.retry-interval", () -> "1h");
		registry.add("invaders.bot.cast.retry-backoff", () -> "50ms");
		registry.add("invaders.bot.cast.max-retry-backoff", () -> "300ms");
	}

	@AfterAll
	static void stopNeynar() {
		neynar.close();
	}

	@BeforeEach
	void healthyNeynar() {
		neynar.faults().reset();
	}

	@Test
	void aRegisteredPlayersPinnedFlashIsCastOnceEvenWhenTheEventComesTwice() {
		User user = register("Space_Cadet", true);
		long flashId = storeFlash("space_cadet", "Lyon", "bafy-cast-once");
		double publishedBefore = counter("invaders_bot_casts_published");

		publishPinned(flashId, "space_cadet", "Lyon");
		publishPinned(flashId, "space_cadet", "Lyon");

		String hash = await().atMost(Duration.ofSeconds(15)).until(() -> castHash(flashId), (h) -> h != null);
		String idem = NeynarCasts.idemFor(flashId);
		// Both deliveries handled before counting: the link row exists once.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.rabbit.execute((channel) -> channel.messageCount(FlashTopology.CASTING_QUEUE)) == 0);
		assertThat(neynar.castsFor(idem)).isEqualTo(1);
		SimulatedCast cast = castWith(idem);
		assertThat(cast.hash()).isEqualTo(hash);
		assertThat(cast.text()).isEqualTo("I just flashed an Invader in Lyon! 👾");
		assertThat(cast.embedUrls()).containsExactly("https://www.flashcastr.app/flash/" + flashId);
		assertThat(cast.channelId()).isEqualTo("invaders");
		assertThat(cast.signerUuid()).isEqualTo(user.signer());
		assertThat(counter("invaders_bot_casts_published") - publishedBefore).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT user_fid FROM flashcastr_flashes WHERE flash_id = ?", Integer.class,
				flashId))
			.isEqualTo(user.fid());
		assertThat(this.registry.find("invaders_bot_cast_freshness").summary().count()).isPositive();
	}

	@Test
	void aPlayerWithAutoCastOffIsLinkedButNotCastAndStrangersAreIgnored() {
		register("Quiet_Player", false);
		long quiet = storeFlash("Quiet_Player", "Paris", "bafy-quiet");
		long stranger = storeFlash("Nobody_Registered", "Paris", "bafy-stranger");
		int castsBefore = neynar.totalCasts();

		publishPinned(quiet, "Quiet_Player", "Paris");
		publishPinned(stranger, "Nobody_Registered", "Paris");

		await().atMost(Duration.ofSeconds(10)).until(() -> linked(quiet));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.rabbit.execute((channel) -> channel.messageCount(FlashTopology.CASTING_QUEUE)) == 0);
		assertThat(castHash(quiet)).isNull();
		assertThat(linked(stranger)).isFalse();
		this.caster.castDue();
		assertThat(neynar.totalCasts()).isEqualTo(castsBefore);
	}

	@Test
	void aRevokedSignerTurnsAutoCastOffOnceAndIsNeverRetried() {
		User user = register("Revoked_Rita", true);
		neynar.revoke(user.signer());
		long first = storeFlash("Revoked_Rita", "Nice", "bafy-revoked-1");
		long second = storeFlash("Revoked_Rita", "Nice", "bafy-revoked-2");
		double refusedBefore = counter("invaders_bot_cast_signers_refused");

		publishPinned(first, "Revoked_Rita", "Nice");
		await().atMost(Duration.ofSeconds(15)).until(() -> !autoCast(user.fid()));
		publishPinned(second, "Revoked_Rita", "Nice");
		await().atMost(Duration.ofSeconds(10)).until(() -> linked(second));

		int requests = neynar.requests();
		this.caster.castDue();
		this.caster.castDue();
		assertThat(neynar.requests()).isEqualTo(requests);
		assertThat(castHash(first)).isNull();
		assertThat(counter("invaders_bot_cast_signers_refused") - refusedBefore).isEqualTo(1);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM flashcastr_flashes WHERE user_fid = ? AND cast_pending", Long.class, user.fid()))
			.isZero();
	}

	@Test
	void neynarDownForAWhileDelaysCastsAndEveryOneIsMadeOnceAfterRecovery() {
		register("Patient_Pat", true);
		List<Long> flashes = List.of(storeFlash("Patient_Pat", "Lille", "bafy-wait-1"),
				storeFlash("Patient_Pat", "Lille", "bafy-wait-2"), storeFlash("Patient_Pat", "Lille", "bafy-wait-3"));
		double failedBefore = counter("invaders_bot_casts_failed");
		neynar.faults().failWithStatus(503);

		flashes.forEach((flashId) -> publishPinned(flashId, "Patient_Pat", "Lille"));
		await().atMost(Duration.ofSeconds(15)).until(() -> flashes.stream().allMatch(this::linked));
		// Casts attempted now (or by the worker once an earlier pause ends) fail.
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
			this.caster.castDue();
			return counter("invaders_bot_casts_failed") >= failedBefore + flashes.size();
		});
		this.caster.castDue();
		assertThat(flashes).allSatisfy((flashId) -> assertThat(castHash(flashId)).isNull());

		neynar.faults().reset();
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
			this.caster.castDue();
			return flashes.stream().allMatch((flashId) -> castHash(flashId) != null);
		});
		assertThat(flashes).allSatisfy((flashId) -> assertThat(neynar.castsFor(NeynarCasts.idemFor(flashId)))
			.as("accepted casts of flash %d", flashId)
			.isEqualTo(1));
	}

	@Test
	void aRateLimitHonoursRetryAfterBeforeTheNextAttempt() {
		register("Hasty_Hana", true);
		long flashId = storeFlash("Hasty_Hana", "Rome", "bafy-rate");
		neynar.faults().rateLimit(Duration.ofSeconds(2), 5);
		Instant started = Instant.now();

		publishPinned(flashId, "Hasty_Hana", "Rome");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.queryForObject("SELECT cast_attempts FROM flashcastr_flashes WHERE flash_id = ?",
					Integer.class, flashId), (attempts) -> attempts != null && attempts >= 1);
		Double dueIn = this.jdbc.queryForObject(
				"SELECT EXTRACT(EPOCH FROM next_cast_at - now()) FROM flashcastr_flashes WHERE flash_id = ?",
				Double.class, flashId);
		assertThat(dueIn).isBetween(1.0, 2.5);
		neynar.faults().reset();

		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
			this.caster.castDue();
			return castHash(flashId) != null;
		});
		assertThat(Duration.between(started, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
		assertThat(neynar.castsFor(NeynarCasts.idemFor(flashId))).isEqualTo(1);
	}

	@Test
	void theIdempotencyKeyIsStablePerFlashAndSixteenHexDigits() {
		assertThat(NeynarCasts.idemFor(42)).isEqualTo(NeynarCasts.idemFor(42)).matches("[0-9a-f]{16}");
		assertThat(NeynarCasts.idemFor(42)).isNotEqualTo(NeynarCasts.idemFor(43));
	}

	private User register(String player, boolean autoCast) {
		int fid = (int) (ids.incrementAndGet() % 1_000_000_000L);
		String signer = UUID.randomUUID().toString();
		neynar.approvedSigner(signer, fid, "fc-" + player.toLowerCase());
		this.jdbc.update("""
				INSERT INTO flashcastr_users (fid, username, signer_uuid, auto_cast, deleted) VALUES (?, ?, ?, ?, FALSE)
				ON CONFLICT (fid) DO NOTHING
				""", fid, player, this.cipher.encrypt(signer), autoCast);
		return new User(fid, signer);
	}

	private long storeFlash(String player, String city, String cid) {
		long flashId = ids.incrementAndGet();
		this.jdbc.update("""
				INSERT INTO flashes (flash_id, city, player, img, ipfs_cid, text, timestamp, flash_count)
				VALUES (?, ?, ?, '/img.jpg', ?, '', now() AT TIME ZONE 'UTC', '1')
				""", flashId, city, player, cid + "-" + flashId);
		return flashId;
	}

	private void publishPinned(long flashId, String player, String city) {
		Instant now = Instant.now();
		Envelope<FlashPinned> envelope = Envelope.of(MessageType.FLASH_PINNED, now, "invaders-consumer",
				Envelope.correlationIdOf(flashId), new FlashPinned(flashId, player, city, "bafy", now, now));
		this.rabbit.send(FlashTopology.EVENTS_EXCHANGE, "flash.pinned",
				MessageBuilder.withBody(this.codec.encode(envelope)).build());
	}

	private String castHash(long flashId) {
		List<String> hashes = this.jdbc.query("SELECT cast_hash FROM flashcastr_flashes WHERE flash_id = ?",
				(rs, row) -> rs.getString(1), flashId);
		return hashes.isEmpty() ? null : hashes.get(0);
	}

	private boolean linked(long flashId) {
		return this.jdbc.queryForObject("SELECT count(*) FROM flashcastr_flashes WHERE flash_id = ?", Long.class,
				flashId) == 1;
	}

	private boolean autoCast(int fid) {
		return Boolean.TRUE.equals(
				this.jdbc.queryForObject("SELECT auto_cast FROM flashcastr_users WHERE fid = ?", Boolean.class, fid));
	}

	private SimulatedCast castWith(String idem) {
		return neynar.casts().stream().filter((cast) -> idem.equals(cast.idem())).findFirst().orElseThrow();
	}

	private double counter(String name) {
		return this.registry.find(name).counter().count();
	}

	private record User(int fid, String signer) {
	}

}
