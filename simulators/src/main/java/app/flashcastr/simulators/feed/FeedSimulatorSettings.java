package app.flashcastr.simulators.feed;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link FeedSimulator}. Start from {@link #defaults()} and change what the
 * test needs with the {@code with*} methods.
 *
 * @param port TCP port to listen on, {@code 0} for a random free port
 * @param seed seed of every random choice: the same seed gives the same initial flashes,
 * ids, players and images
 * @param windowSize how many of the most recent flashes one feed response carries
 * (upstream: about 300)
 * @param initialFlashes flashes that already exist when the simulator starts
 * @param newFlashesPerMinute flashes that appear by themselves, measured on
 * {@link #clock()}; {@code 0} means only when emitted explicitly
 * @param parisShare probability that a generated flash is a Paris one (listed in
 * {@code with_paris})
 * @param parisPlayers players who flash in Paris; empty means any generated player
 * @param clock the time source of timestamps and of the new-flash rate, so tests move
 * time instead of sleeping
 * @param flashIdsAfter every flash id is above this one ({@code 0}: ids from the seed
 * alone), so a simulator restarted with the same seed never reuses ids a database kept
 */
public record FeedSimulatorSettings(int port, long seed, int windowSize, int initialFlashes, double newFlashesPerMinute,
		double parisShare, List<String> parisPlayers, Clock clock, long flashIdsAfter) {

	static final List<String> DEFAULT_PARIS_PLAYERS = List.of("MONTMARTRE_MIKE", "LouvreLina", "marais.max");

	public FeedSimulatorSettings {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be within 0..65535, got " + port);
		}
		if (windowSize < 1) {
			throw new IllegalArgumentException("windowSize must be at least 1, got " + windowSize);
		}
		if (initialFlashes < 0) {
			throw new IllegalArgumentException("initialFlashes must not be negative, got " + initialFlashes);
		}
		if (!Double.isFinite(newFlashesPerMinute) || newFlashesPerMinute < 0) {
			throw new IllegalArgumentException("newFlashesPerMinute must be >= 0, got " + newFlashesPerMinute);
		}
		if (!(parisShare >= 0 && parisShare <= 1)) {
			throw new IllegalArgumentException("parisShare must be within 0..1, got " + parisShare);
		}
		parisPlayers = List.copyOf(Objects.requireNonNull(parisPlayers, "parisPlayers"));
		if (parisPlayers.stream().anyMatch(String::isBlank)) {
			throw new IllegalArgumentException("parisPlayers must not contain blank names");
		}
		Objects.requireNonNull(clock, "clock");
		if (flashIdsAfter < 0) {
			throw new IllegalArgumentException("flashIdsAfter must not be negative, got " + flashIdsAfter);
		}
	}

	/**
	 * Random port, seed 42, a window of 300 flashes out of 300 initial ones, no flashes
	 * appearing by themselves, 30% Paris flashes by three Paris players, the system UTC
	 * clock, and ids from the seed alone.
	 * @return the default settings
	 */
	public static FeedSimulatorSettings defaults() {
		return new FeedSimulatorSettings(0, 42, 300, 300, 0.0, 0.3, DEFAULT_PARIS_PLAYERS, Clock.systemUTC(), 0);
	}

	public FeedSimulatorSettings withPort(int port) {
		return new FeedSimulatorSettings(port, this.seed, this.windowSize, this.initialFlashes,
				this.newFlashesPerMinute, this.parisShare, this.parisPlayers, this.clock, this.flashIdsAfter);
	}

	public FeedSimulatorSettings withSeed(long seed) {
		return new FeedSimulatorSettings(this.port, seed, this.windowSize, this.initialFlashes,
				this.newFlashesPerMinute, this.parisShare, this.parisPlayers, this.clock, this.flashIdsAfter);
	}

	public FeedSimulatorSettings withWindowSize(int windowSize) {
		return new FeedSimulatorSettings(this.port, this.seed, windowSize, this.initialFlashes,
				this.newFlashesPerMinute, this.parisShare, this.parisPlayers, this.clock, this.flashIdsAfter);
	}

	public FeedSimulatorSettings withInitialFlashes(int initialFlashes) {
		return new FeedSimulatorSettings(this.port, this.seed, this.windowSize, initialFlashes,
				this.newFlashesPerMinute, this.parisShare, this.parisPlayers, this.clock, this.flashIdsAfter);
	}

	public FeedSimulatorSettings withNewFlashesPerMinute(double newFlashesPerMinute) {
		return new FeedSimulatorSettings(this.port, this.seed, this.windowSize, this.initialFlashes,
				newFlashesPerMinute, this.parisShare, this.parisPlayers, this.clock, this.flashIdsAfter);
	}

	public FeedSimulatorSettings withParisShare(double parisShare) {
		return new FeedSimulatorSettings(this.port, this.seed, this.windowSize, this.initialFlashes,
				this.newFlashesPerMinute, parisShare, this.parisPlayers, this.clock, this.flashIdsAfter);
	}

	public FeedSimulatorSettings withParisPlayers(List<String> parisPlayers) {
		return new FeedSimulatorSettings(this.port, this.seed, this.windowSize, this.initialFlashes,
				this.newFlashesPerMinute, this.parisShare, parisPlayers, this.clock, this.flashIdsAfter);
	}

	public FeedSimulatorSettings withClock(Clock clock) {
		return new FeedSimulatorSettings(this.port, this.seed, this.windowSize, this.initialFlashes,
				this.newFlashesPerMinute, this.parisShare, this.parisPlayers, clock, this.flashIdsAfter);
	}

	public FeedSimulatorSettings withFlashIdsAfter(long flashIdsAfter) {
		return new FeedSimulatorSettings(this.port, this.seed, this.windowSize, this.initialFlashes,
				this.newFlashesPerMinute, this.parisShare, this.parisPlayers, this.clock, flashIdsAfter);
	}

}
