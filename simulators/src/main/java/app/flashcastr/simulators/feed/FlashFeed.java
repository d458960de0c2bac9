package app.flashcastr.simulators.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The flashes the simulated world has produced: a seeded generator, the global counters
 * and the window of the most recent flashes. Flashes due at the configured rate are
 * created lazily from the clock whenever the state is read, so tests move the clock
 * instead of sleeping.
 */
final class FlashFeed {

	/** A named algorithm, so the same seed gives the same flashes on every JDK. */
	private static final String ALGORITHM = "L64X128MixRandom";

	private static final int GENERATED_PLAYERS = 200;

	private final FeedSimulatorSettings settings;

	private final FlashImages images;

	private final RandomGenerator random;

	private final FlashNames names;

	/** Newest first, at most windowSize. */
	private final ArrayDeque<SimulatedFlash> recent = new ArrayDeque<>();

	private final Map<String, Long> flashesByPlayer = new HashMap<>();

	private final Duration ratePeriod;

	private final Instant rateAnchor;

	private long nextFlashId;

	private long flashCount;

	private long playerCount;

	private long dueAtRate;

	private long emitted;

	FlashFeed(FeedSimulatorSettings settings, FlashImages images) {
		this.settings = settings;
		this.images = images;
		this.random = RandomGeneratorFactory.of(ALGORITHM).create(settings.seed());
		this.names = new FlashNames(this.random, settings.parisPlayers(), GENERATED_PLAYERS);
		// Magnitudes of upstream in 2025-2026: flash_id around 7.7e7, flash_count "41M+".
		// Drawn whatever flashIdsAfter says, so the rest of the seeded world stays the
		// same.
		this.nextFlashId = Math.max(77_376_000L + this.random.nextInt(1_000), settings.flashIdsAfter() + 1);
		this.flashCount = 41_234_567L + this.random.nextInt(100_000) - settings.initialFlashes();
		this.playerCount = 123_456L + this.random.nextInt(1_000);
		this.ratePeriod = (settings.newFlashesPerMinute() > 0)
				? Duration.ofNanos(Math.max(1, Math.round(60e9 / settings.newFlashesPerMinute()))) : null;
		Instant start = settings.clock().instant();
		this.rateAnchor = start;
		seed(start.getEpochSecond());
	}

	synchronized FeedSnapshot snapshot() {
		catchUp();
		return new FeedSnapshot(List.copyOf(this.recent), this.flashCount, this.playerCount);
	}

	synchronized List<SimulatedFlash> window() {
		catchUp();
		return List.copyOf(this.recent);
	}

	synchronized long flashCount() {
		catchUp();
		return this.flashCount;
	}

	synchronized long emitted() {
		catchUp();
		return this.emitted;
	}

	/** Emission order, oldest first. */
	synchronized List<SimulatedFlash> emit(int count) {
		if (count < 0) {
			throw new IllegalArgumentException("count must not be negative, got " + count);
		}
		catchUp();
		long now = this.settings.clock().instant().getEpochSecond();
		List<SimulatedFlash> flashes = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			flashes.add(add(randomFlash(now)));
		}
		return flashes;
	}

	synchronized SimulatedFlash emit(String player, String city, boolean paris) {
		Objects.requireNonNull(player, "player");
		Objects.requireNonNull(city, "city");
		catchUp();
		return add(create(player, city, paris, this.settings.clock().instant().getEpochSecond()));
	}

	int initialFlashes() {
		return this.settings.initialFlashes();
	}

	int windowSize() {
		return this.settings.windowSize();
	}

	/**
	 * Initial flashes, oldest first, spaced 5 to 60 s apart and ending at the start
	 * instant.
	 */
	private void seed(long startSecond) {
		int count = this.settings.initialFlashes();
		long[] gaps = new long[count];
		long span = 0;
		for (int i = 1; i < count; i++) {
			gaps[i] = 5 + this.random.nextInt(56);
			span += gaps[i];
		}
		long timestamp = startSecond - span;
		for (int i = 0; i < count; i++) {
			timestamp += gaps[i];
			append(randomFlash(timestamp));
		}
	}

	/**
	 * Creates the flashes that became due at the configured rate since the last look at
	 * the clock.
	 */
	private void catchUp() {
		if (this.ratePeriod == null) {
			return;
		}
		Duration elapsed = Duration.between(this.rateAnchor, this.settings.clock().instant());
		if (elapsed.isNegative()) {
			return;
		}
		long due = elapsed.dividedBy(this.ratePeriod);
		long missing = due - this.dueAtRate;
		// After a long jump of the clock only the last window's worth is visible: skip
		// the rest cheaply.
		long skipped = Math.max(0, missing - this.settings.windowSize());
		if (skipped > 0) {
			this.flashCount += skipped;
			this.emitted += skipped;
			this.nextFlashId += 2 * skipped;
			this.dueAtRate += skipped;
		}
		while (this.dueAtRate < due) {
			this.dueAtRate++;
			long timestamp = this.rateAnchor.plus(this.ratePeriod.multipliedBy(this.dueAtRate)).getEpochSecond();
			add(randomFlash(timestamp));
		}
	}

	private SimulatedFlash randomFlash(long timestamp) {
		boolean paris = this.random.nextDouble() < this.settings.parisShare();
		String player = paris ? this.names.parisPlayer(this.random) : this.names.otherPlayer(this.random);
		String city = paris ? FlashNames.PARIS : this.names.otherCity(this.random);
		return create(player, city, paris, timestamp);
	}

	private SimulatedFlash create(String player, String city, boolean paris, long timestamp) {
		long flashId = this.nextFlashId;
		// Upstream ids are not contiguous in the feed: leave small gaps.
		this.nextFlashId += 1 + this.random.nextInt(3);
		this.flashCount++;
		String playerKey = player.toLowerCase(Locale.ROOT);
		long playerFlashes;
		if (this.flashesByPlayer.containsKey(playerKey)) {
			playerFlashes = this.flashesByPlayer.get(playerKey) + 1;
		}
		else {
			playerFlashes = 1 + this.random.nextInt(3_000);
			this.playerCount++;
		}
		this.flashesByPlayer.put(playerKey, playerFlashes);
		String img = this.images.register(timestamp, this.random);
		String text = this.names.text(city, this.random);
		return new SimulatedFlash(flashId, img, city, text, player, timestamp, Long.toString(playerFlashes), paris);
	}

	private SimulatedFlash add(SimulatedFlash flash) {
		this.emitted++;
		return append(flash);
	}

	private SimulatedFlash append(SimulatedFlash flash) {
		this.recent.addFirst(flash);
		while (this.recent.size() > this.settings.windowSize()) {
			this.recent.removeLast();
		}
		return flash;
	}

	/** What one healthy feed response is made of. */
	record FeedSnapshot(List<SimulatedFlash> window, long flashCount, long playerCount) {
	}

}
