package app.flashcastr.simulators;

import java.util.concurrent.CountDownLatch;

import app.flashcastr.simulators.feed.FeedSimulator;
import app.flashcastr.simulators.ipfs.IpfsSimulator;
import app.flashcastr.simulators.load.LoadGenerator;
import app.flashcastr.simulators.load.LoadGeneratorSettings;
import app.flashcastr.simulators.neynar.NeynarSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the simulators as one process, configured by environment variables (see
 * simulators/README.md), until SIGTERM or SIGINT.
 */
public final class SimulatorsApplication {

	private SimulatorsApplication() {
	}

	public static void main(String[] args) throws InterruptedException {
		// Our own file name, so logback never picks this config up in modules that merely
		// depend on this jar.
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "simulators-logback.xml");
		}
		Logger logger = LoggerFactory.getLogger(SimulatorsApplication.class);
		FeedSimulator feed;
		IpfsSimulator ipfs;
		NeynarSimulator neynar;
		try {
			feed = FeedSimulator.startFromEnvironment(System.getenv());
		}
		catch (RuntimeException ex) {
			logger.error("Simulators not started: {}", ex.getMessage());
			System.exit(1);
			return;
		}
		try {
			ipfs = IpfsSimulator.startFromEnvironment(System.getenv());
		}
		catch (RuntimeException ex) {
			feed.close();
			logger.error("Simulators not started: {}", ex.getMessage());
			System.exit(1);
			return;
		}
		try {
			neynar = NeynarSimulator.startFromEnvironment(System.getenv());
		}
		catch (RuntimeException ex) {
			ipfs.close();
			feed.close();
			logger.error("Simulators not started: {}", ex.getMessage());
			System.exit(1);
			return;
		}
		LoadGenerator load;
		try {
			// Off unless LOAD_GENERATOR=on; by default it feeds the feed simulator above.
			load = LoadGeneratorSettings.fromEnvironment(System.getenv(), feed.baseUri())
				.map(LoadGenerator::start)
				.orElse(null);
		}
		catch (RuntimeException ex) {
			neynar.close();
			ipfs.close();
			feed.close();
			logger.error("Simulators not started: {}", ex.getMessage());
			System.exit(1);
			return;
		}
		logger.info("Feed simulator listening on {}{}", feed.baseUri(), FeedSimulator.FEED_PATH);
		logger.info("Pinata simulator listening on {}/pinning/pinFileToIPFS", ipfs.pinataUri());
		logger.info("Kubo simulator listening on {}/api/v0/add", ipfs.kuboUri());
		logger.info("Neynar simulator listening on {}/v2/farcaster/", neynar.baseUri());
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("simulators-shutdown").unstarted(() -> {
			if (load != null) {
				load.close();
			}
			neynar.close();
			ipfs.close();
			feed.close();
			logger.info("Simulators stopped");
			stopped.countDown();
		}));
		stopped.await();
	}

}
