package app.flashcastr.simulators.ipfs;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import app.flashcastr.simulators.http.Dispatch;
import app.flashcastr.simulators.http.EnvironmentVariables;

/**
 * Local HTTP servers that behave like the two IPFS pinning APIs the consumer can use:
 * Pinata's {@code POST /pinning/pinFileToIPFS} (JWT) and a Kubo node's
 * {@code POST /api/v0/add}, each on its own port (they are different hosts in reality)
 * with its own fault switches and admin API under {@code /__admin/}. Both return the same
 * content-derived CIDv0 ({@link #cidOf(byte[])}) and count pins, so a test can prove
 * "three deliveries, one pin". Embed it in tests:
 *
 * <pre class="code">
 * try (IpfsSimulator ipfs = IpfsSimulator.start(IpfsSimulatorSettings.defaults())) {
 *     URI pinata = ipfs.pinataUri();           // http://127.0.0.1:&lt;port&gt;
 *     ipfs.pinataFaults().failWithStatus(503, 2);
 *     ipfs.kuboFaults().outage();               // connection refused until reset()
 *     assertThat(ipfs.pinsOf(IpfsSimulator.cidOf(bytes))).isEqualTo(1);
 * }
 * </pre>
 */
public final class IpfsSimulator implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(IpfsSimulator.class);

	private final AtomicBoolean closed = new AtomicBoolean();

	private final CountDownLatch closedLatch = new CountDownLatch(1);

	private final ExecutorService executor;

	private final Api pinata;

	private final Api kubo;

	private IpfsSimulator(IpfsSimulatorSettings settings, InetAddress bindAddress) {
		JsonMapper mapper = JsonMapper.builder().build();
		// One virtual thread per request: held (timeout mode) requests cost nothing and
		// never starve the others.
		this.executor = Executors.newVirtualThreadPerTaskExecutor();
		PinLedger pinataLedger = new PinLedger();
		PinLedger kuboLedger = new PinLedger();
		this.pinata = new Api(new PinataApi(settings.pinataJwt(), pinataLedger, mapper, Clock.systemUTC()),
				pinataLedger, bindAddress, settings.pinataPort());
		this.kubo = new Api(new KuboApi(kuboLedger, mapper), kuboLedger, bindAddress, settings.kuboPort());
		try {
			this.pinata.start(settings.latency(), mapper);
			this.kubo.start(settings.latency(), mapper);
		}
		catch (RuntimeException ex) {
			this.pinata.endpoint().close();
			this.kubo.endpoint().close();
			this.executor.shutdownNow();
			throw ex;
		}
	}

	/**
	 * Starts both APIs on the loopback interface.
	 * @param settings ports, Pinata JWT and latency
	 * @return the running simulator; close it when done
	 */
	public static IpfsSimulator start(IpfsSimulatorSettings settings) {
		return start(settings, InetAddress.getLoopbackAddress());
	}

	/**
	 * Starts both APIs on the given interface (e.g. {@code 0.0.0.0} inside a container).
	 * @param settings ports, Pinata JWT and latency
	 * @param bindAddress the address to listen on
	 * @return the running simulator; close it when done
	 */
	public static IpfsSimulator start(IpfsSimulatorSettings settings, InetAddress bindAddress) {
		Objects.requireNonNull(settings, "settings");
		Objects.requireNonNull(bindAddress, "bindAddress");
		IpfsSimulator simulator = new IpfsSimulator(settings, bindAddress);
		logger.debug("IPFS simulator started: Pinata on {}, Kubo on {}", simulator.pinataUri(), simulator.kuboUri());
		return simulator;
	}

	/**
	 * Starts the simulator configured by variables, with defaults for a local run:
	 * {@code PINATA_SIMULATOR_PORT} (8082), {@code KUBO_SIMULATOR_PORT} (5001),
	 * {@code PINATA_SIMULATOR_JWT} ({@code simulated-pinata-jwt}),
	 * {@code IPFS_SIMULATOR_LATENCY_MS} (0) and {@code IPFS_SIMULATOR_BIND_ADDRESS}
	 * (127.0.0.1).
	 * @param environment the variables, usually {@code System.getenv()}
	 * @return the running simulator
	 * @throws IllegalArgumentException naming the variable when a value cannot be used
	 */
	public static IpfsSimulator startFromEnvironment(Map<String, String> environment) {
		IpfsSimulatorSettings defaults = IpfsSimulatorSettings.defaults();
		IpfsSimulatorSettings settings = defaults
			.withPinataPort(EnvironmentVariables.read(environment, "PINATA_SIMULATOR_PORT", 8082,
					(value) -> defaults.withPinataPort(Integer.parseInt(value)).pinataPort()))
			.withKuboPort(EnvironmentVariables.read(environment, "KUBO_SIMULATOR_PORT", 5001,
					(value) -> defaults.withKuboPort(Integer.parseInt(value)).kuboPort()))
			.withPinataJwt(EnvironmentVariables.read(environment, "PINATA_SIMULATOR_JWT", defaults.pinataJwt(),
					(value) -> value))
			.withLatency(EnvironmentVariables.read(environment, "IPFS_SIMULATOR_LATENCY_MS", Duration.ZERO,
					(value) -> defaults.withLatency(Duration.ofMillis(Long.parseLong(value))).latency()));
		InetAddress bindAddress = EnvironmentVariables.read(environment, "IPFS_SIMULATOR_BIND_ADDRESS",
				InetAddress.getLoopbackAddress(), EnvironmentVariables::address);
		return start(settings, bindAddress);
	}

	/**
	 * Where Pinata listens, e.g. {@code http://127.0.0.1:43210}, without a trailing
	 * slash; it pins at {@code pinataUri() + "/pinning/pinFileToIPFS"}.
	 * @return the base URI, the same after an outage
	 */
	public URI pinataUri() {
		return this.pinata.endpoint().uri();
	}

	/**
	 * Where Kubo listens, e.g. {@code http://127.0.0.1:43211}, without a trailing slash;
	 * it adds at {@code kuboUri() + "/api/v0/add"}.
	 * @return the base URI, the same after an outage
	 */
	public URI kuboUri() {
		return this.kubo.endpoint().uri();
	}

	/**
	 * The runtime fault switches of Pinata's pin endpoint.
	 * @return the switches
	 */
	public IpfsFaults pinataFaults() {
		return this.pinata.faults();
	}

	/**
	 * The runtime fault switches of Kubo's add endpoint.
	 * @return the switches
	 */
	public IpfsFaults kuboFaults() {
		return this.kubo.faults();
	}

	/**
	 * The CIDv0 both APIs return for this content: base58btc of the sha2-256 multihash of
	 * the bytes, e.g. {@code QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG}.
	 * @param content the file's bytes
	 * @return a well-formed, content-derived CIDv0 ("Qm" and 44 more characters)
	 */
	public static String cidOf(byte[] content) {
		return Cid.v0(Objects.requireNonNull(content, "content"));
	}

	/**
	 * Pin requests so far, both APIs, whatever their outcome (counted on arrival; refused
	 * connections never arrive).
	 * @return the number of pin requests
	 */
	public int pinRequests() {
		return this.pinata.ledger().requests() + this.kubo.ledger().requests();
	}

	/**
	 * Pin requests answered with a CID (Kubo's {@code pin=false} adds are not pins).
	 * @return the number of successful pins, both APIs
	 */
	public int successfulPins() {
		return this.pinata.ledger().successes() + this.kubo.ledger().successes();
	}

	/**
	 * Successful pins of this CID, both APIs.
	 * @param cid a CID as returned by the APIs
	 * @return how many times it was pinned
	 */
	public int pinsOf(String cid) {
		return this.pinata.ledger().pinsOf(cid) + this.kubo.ledger().pinsOf(cid);
	}

	/** Stops both APIs and releases held requests at once. */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.closedLatch.countDown();
		this.pinata.faults().releaseHeld();
		this.kubo.faults().releaseHeld();
		this.pinata.endpoint().close();
		this.kubo.endpoint().close();
		this.executor.shutdownNow();
		logger.debug("IPFS simulator stopped");
	}

	/** One API: its port, fault switches and counters. */
	private final class Api {

		private final PinApi api;

		private final PinLedger ledger;

		private final IpfsEndpoint endpoint;

		private final IpfsFaults faults;

		Api(PinApi api, PinLedger ledger, InetAddress bindAddress, int port) {
			this.api = api;
			this.ledger = ledger;
			this.endpoint = new IpfsEndpoint(api.name(), bindAddress, port, IpfsSimulator.this.executor);
			this.faults = new IpfsFaults(api.name(), this.endpoint);
		}

		void start(Duration latency, JsonMapper mapper) {
			HttpHandler admin = IpfsAdminHandler.create(this.api.name(), this.faults, this.ledger, IpfsSimulator.this,
					mapper);
			this.endpoint.start(Dispatch.withAdmin(admin, new PinEndpointHandler(this.api, this.faults, this.ledger,
					latency, IpfsSimulator.this.closedLatch)));
		}

		PinLedger ledger() {
			return this.ledger;
		}

		IpfsEndpoint endpoint() {
			return this.endpoint;
		}

		IpfsFaults faults() {
			return this.faults;
		}

	}

}
