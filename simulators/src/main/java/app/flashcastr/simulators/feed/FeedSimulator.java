package app.flashcastr.simulators.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import app.flashcastr.simulators.http.Dispatch;
import app.flashcastr.simulators.http.EnvironmentVariables;
import app.flashcastr.simulators.http.Listeners;

/**
 * A local HTTP server that behaves like the Space Invaders flash API
 * ({@code GET /flashinvaders/flashes/}) and serves the flash images, with fault switches
 * for the feed ({@link #faults()}) and for the images ({@link #imageFaults()}) and an
 * admin API under {@code /__admin/}. Embed it in tests:
 *
 * <pre class="code">
 * try (FeedSimulator feed = FeedSimulator.start(FeedSimulatorSettings.defaults())) {
 *     URI flashes = feed.baseUri().resolve("/flashinvaders/flashes/");
 *     feed.faults().failWithStatus(503, 2);
 *     feed.emitFlashes(5);
 * }
 * </pre>
 */
public final class FeedSimulator implements AutoCloseable {

	/** Path of the feed, with the trailing slash upstream requires. */
	public static final String FEED_PATH = FeedHttpHandler.FEED_PATH;

	/** The variable that makes every flash id higher than the one given. */
	public static final String FLASH_IDS_AFTER = "FEED_SIMULATOR_FLASH_IDS_AFTER";

	private static final Logger logger = LoggerFactory.getLogger(FeedSimulator.class);

	private final FlashFeed feed;

	private final FeedFaults faults;

	private final ImageFaults imageFaults;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final ExecutorService executor;

	private final HttpServer server;

	private final FeedHttpHandler handler;

	private final URI baseUri;

	private FeedSimulator(FeedSimulatorSettings settings, InetAddress bindAddress) {
		FlashImages images = new FlashImages();
		this.feed = new FlashFeed(settings, images);
		this.faults = new FeedFaults();
		this.imageFaults = new ImageFaults();
		JsonMapper mapper = JsonMapper.builder().build();
		FeedWireFormat wireFormat = new FeedWireFormat(mapper);
		this.handler = new FeedHttpHandler(this.feed, images, this.faults, this.imageFaults, wireFormat, this.closed);
		// One virtual thread per request: held (timeout mode) requests cost nothing and
		// never starve the others.
		this.executor = Executors.newVirtualThreadPerTaskExecutor();
		try {
			this.server = Listeners.create(new InetSocketAddress(bindAddress, settings.port()));
		}
		catch (IOException ex) {
			this.executor.shutdownNow();
			throw new UncheckedIOException(
					"Feed simulator cannot listen on " + bindAddress.getHostAddress() + ":" + settings.port(), ex);
		}
		this.server.createContext("/",
				Dispatch.withAdmin(FeedAdminHandler.create(this, wireFormat, mapper), this.handler));
		this.server.setExecutor(this.executor);
		this.server.start();
		this.baseUri = baseUri(bindAddress, this.server.getAddress().getPort());
	}

	/**
	 * Starts a simulator on the loopback interface.
	 * @param settings what to simulate
	 * @return the running simulator; close it when done
	 */
	public static FeedSimulator start(FeedSimulatorSettings settings) {
		return start(settings, InetAddress.getLoopbackAddress());
	}

	/**
	 * Starts a simulator on the given interface (e.g. {@code 0.0.0.0} inside a
	 * container).
	 * @param settings what to simulate
	 * @param bindAddress the address to listen on
	 * @return the running simulator; close it when done
	 */
	public static FeedSimulator start(FeedSimulatorSettings settings, InetAddress bindAddress) {
		Objects.requireNonNull(settings, "settings");
		Objects.requireNonNull(bindAddress, "bindAddress");
		FeedSimulator simulator = new FeedSimulator(settings, bindAddress);
		logger.debug("Feed simulator started on {}", simulator.baseUri);
		return simulator;
	}

	/**
	 * Starts a simulator configured by {@code FEED_SIMULATOR_*} variables, with defaults
	 * for a local run: {@code FEED_SIMULATOR_PORT} (8081),
	 * {@code FEED_SIMULATOR_BIND_ADDRESS} (127.0.0.1), {@code FEED_SIMULATOR_SEED} (42),
	 * {@code FEED_SIMULATOR_NEW_FLASHES_PER_MINUTE} (6),
	 * {@code FEED_SIMULATOR_PARIS_PLAYERS} (comma-separated, default
	 * {@code MONTMARTRE_MIKE,LouvreLina,marais.max}) and
	 * {@code FEED_SIMULATOR_FLASH_IDS_AFTER} (0: ids from the seed alone; the devstack
	 * sets the highest flash id its database keeps).
	 * @param environment the variables, usually {@code System.getenv()}
	 * @return the running simulator
	 * @throws IllegalArgumentException naming the variable when a value cannot be used
	 */
	public static FeedSimulator startFromEnvironment(Map<String, String> environment) {
		FeedSimulatorSettings defaults = FeedSimulatorSettings.defaults();
		FeedSimulatorSettings settings = defaults
			.withPort(EnvironmentVariables.read(environment, "FEED_SIMULATOR_PORT", 8081, Integer::parseInt))
			.withSeed(EnvironmentVariables.read(environment, "FEED_SIMULATOR_SEED", 42L, Long::parseLong))
			.withNewFlashesPerMinute(EnvironmentVariables.read(environment, "FEED_SIMULATOR_NEW_FLASHES_PER_MINUTE",
					6.0, Double::parseDouble))
			.withParisPlayers(EnvironmentVariables.read(environment, "FEED_SIMULATOR_PARIS_PLAYERS",
					defaults.parisPlayers(), FeedSimulator::commaSeparated))
			.withFlashIdsAfter(EnvironmentVariables.read(environment, FLASH_IDS_AFTER, 0L, Long::parseLong));
		InetAddress bindAddress = EnvironmentVariables.read(environment, "FEED_SIMULATOR_BIND_ADDRESS",
				InetAddress.getLoopbackAddress(), EnvironmentVariables::address);
		return start(settings, bindAddress);
	}

	/**
	 * Where the simulator listens, e.g. {@code http://127.0.0.1:43210}, without a
	 * trailing slash; the feed is at {@code baseUri() + "/flashinvaders/flashes/"} and
	 * every flash image at {@code baseUri() + img}.
	 * @return the base URI
	 */
	public URI baseUri() {
		return this.baseUri;
	}

	/**
	 * The runtime fault switches of the feed endpoint.
	 * @return the switches
	 */
	public FeedFaults faults() {
		return this.faults;
	}

	/**
	 * The runtime fault switches of the flash images (paths under {@code /media/}); the
	 * feed's own are {@link #faults()}.
	 * @return the switches
	 */
	public ImageFaults imageFaults() {
		return this.imageFaults;
	}

	/**
	 * Creates flashes now with random players and cities; they top the next response and
	 * raise {@code flash_count} by {@code count}.
	 * @param count how many
	 * @return the new flashes in emission order (the last one is the newest)
	 */
	public List<SimulatedFlash> emitFlashes(int count) {
		return this.feed.emit(count);
	}

	/**
	 * Creates one flash now for this player in this city.
	 * @param player the player name
	 * @param city the city
	 * @param paris whether it is listed in {@code with_paris}
	 * @return the new flash
	 */
	public SimulatedFlash emitFlash(String player, String city, boolean paris) {
		return this.feed.emit(player, city, paris);
	}

	/**
	 * The global {@code flash_count} the next response carries.
	 * @return the current count
	 */
	public long flashCount() {
		return this.feed.flashCount();
	}

	/**
	 * The well-formed flashes the next feed response carries, newest first (faults
	 * aside).
	 * @return the current window
	 */
	public List<SimulatedFlash> window() {
		return this.feed.window();
	}

	/**
	 * Requests to {@code /flashinvaders/flashes/} so far, whatever their outcome (counted
	 * on arrival); the 301s of the path without a slash are not included.
	 * @return the number of feed requests
	 */
	public int feedRequests() {
		return this.handler.feedRequests();
	}

	/**
	 * Requests to {@code /flashinvaders/flashes} (no trailing slash) so far, each
	 * answered 301 to the path with the slash: a client that follows redirects blindly
	 * shows here.
	 * @return the number of requests to the path without a slash
	 */
	public int redirects() {
		return this.handler.redirects();
	}

	int imageRequests() {
		return this.handler.imageRequests();
	}

	int initialFlashes() {
		return this.feed.initialFlashes();
	}

	int windowSize() {
		return this.feed.windowSize();
	}

	long flashesEmitted() {
		return this.feed.emitted();
	}

	/** Stops the server and releases held requests at once. */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.faults.releaseHeld();
		this.imageFaults.releaseHeld();
		this.server.stop(0);
		this.executor.shutdownNow();
		logger.debug("Feed simulator on {} stopped", this.baseUri);
	}

	private static URI baseUri(InetAddress bindAddress, int port) {
		InetAddress host = bindAddress.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bindAddress;
		String literal = (host instanceof Inet6Address) ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
		return URI.create("http://" + literal + ":" + port);
	}

	private static List<String> commaSeparated(String value) {
		return Arrays.stream(value.split(",")).map(String::trim).filter((name) -> !name.isEmpty()).toList();
	}

}
