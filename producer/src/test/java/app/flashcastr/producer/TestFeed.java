package app.flashcastr.producer;

import java.util.List;

import app.flashcastr.simulators.feed.FeedSimulator;
import app.flashcastr.simulators.feed.FeedSimulatorSettings;

/** One feed simulator per test JVM, shared by the producer's test contexts. */
public final class TestFeed {

	/** A Paris player the tests register as a Flashcastr user. */
	public static final String REGISTERED_PARIS_PLAYER = "ParisRegistered";

	/** A Paris player nobody registered. */
	public static final String UNREGISTERED_PARIS_PLAYER = "ParisStranger";

	private static FeedSimulator simulator;

	private TestFeed() {
	}

	public static synchronized FeedSimulator simulator() {
		if (simulator == null) {
			simulator = FeedSimulator.start(FeedSimulatorSettings.defaults()
				.withSeed(7)
				.withParisPlayers(List.of(REGISTERED_PARIS_PLAYER, UNREGISTERED_PARIS_PLAYER)));
			Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
		}
		return simulator;
	}

}
