package app.flashcastr.simulators.neynar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import app.flashcastr.simulators.http.Dispatch;
import app.flashcastr.simulators.http.EnvironmentVariables;
import app.flashcastr.simulators.http.Listeners;

/**
 * A local HTTP server that behaves like the Neynar v2 REST API used by the API (signup)
 * and the producer (casts): create a managed signer, register its EIP-712 signed key
 * request (the signature is verified against the app account's custody address), look it
 * up ({@code pending_approval} until its n-th lookup, then {@code approved} with a fid;
 * {@code revoked} on demand), users in bulk and by custody address, and publish casts
 * deduplicated by their {@code idem} key. Every {@code /v2/} call needs the
 * {@code x-api-key} header. Embed it in tests:
 *
 * <pre class="code">
 * try (NeynarSimulator neynar = NeynarSimulator.start(NeynarSimulatorSettings.defaults())) {
 *     URI base = neynar.baseUri();                  // http://127.0.0.1:&lt;port&gt;
 *     neynar.registerUser(42, "alice", "https://example.com/alice.png");
 *     neynar.faults().rateLimit(Duration.ofSeconds(1));
 *     assertThat(neynar.castsFor("flash-123")).isEqualTo(2);   // two deliveries...
 *     assertThat(neynar.totalCasts()).isEqualTo(1);             // ...one cast
 * }
 * </pre>
 *
 * The simulator knows the development app account out of the box: fid
 * {@link #DEV_APP_FID}, custody address {@link #DEV_APP_CUSTODY_ADDRESS}, derived from
 * {@link #DEV_MNEMONIC} at {@code m/44'/60'/0'/0/0}.
 */
public final class NeynarSimulator implements AutoCloseable {

	/**
	 * The well-known Hardhat/Foundry development mnemonic (public, holds nothing): the
	 * devstack's {@code FARCASTER_DEVELOPER_MNEMONIC}. Never use it outside development.
	 */
	public static final String DEV_MNEMONIC = "test test test test test test test test test test test junk";

	/** Address of {@link #DEV_MNEMONIC} at BIP-44 path {@code m/44'/60'/0'/0/0}. */
	public static final String DEV_APP_CUSTODY_ADDRESS = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

	/** The fid of the development app account. */
	public static final int DEV_APP_FID = 424242;

	private static final Logger logger = LoggerFactory.getLogger(NeynarSimulator.class);

	private final AtomicBoolean closed = new AtomicBoolean();

	private final CountDownLatch closedLatch = new CountDownLatch(1);

	private final ExecutorService executor;

	private final NeynarLedger ledger;

	private final NeynarFaults faults = new NeynarFaults();

	private final String apiKey;

	private final HttpServer server;

	private final URI baseUri;

	private NeynarSimulator(NeynarSimulatorSettings settings, InetAddress bindAddress) {
		JsonMapper mapper = JsonMapper.builder().build();
		this.apiKey = settings.apiKey();
		this.ledger = new NeynarLedger(settings.approveAfterLookups(), settings.approvedFid());
		this.ledger.registerApp(DEV_APP_FID, DEV_APP_CUSTODY_ADDRESS);
		this.ledger.registerUser(DEV_APP_FID, "flashcastr-dev", null);
		// One virtual thread per request: held (latency) requests cost nothing.
		this.executor = Executors.newVirtualThreadPerTaskExecutor();
		HttpHandler admin = NeynarAdminHandler.create(this, this.ledger, mapper);
		try {
			this.server = Listeners.create(new InetSocketAddress(bindAddress, settings.port()));
		}
		catch (IOException ex) {
			this.executor.shutdownNow();
			throw new UncheckedIOException(
					"Neynar simulator cannot listen on " + bindAddress.getHostAddress() + ":" + settings.port(), ex);
		}
		this.server.createContext("/", Dispatch.withAdmin(admin, new NeynarHttpHandler(this.ledger, this.faults,
				this.apiKey, mapper, Clock.systemUTC(), this.closedLatch)));
		this.server.setExecutor(this.executor);
		this.server.start();
		InetAddress host = bindAddress.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bindAddress;
		String literal = (host instanceof Inet6Address) ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
		this.baseUri = URI.create("http://" + literal + ":" + this.server.getAddress().getPort());
	}

	/**
	 * Starts the simulator on the loopback interface.
	 * @param settings port, API key and approval behaviour
	 * @return the running simulator; close it when done
	 */
	public static NeynarSimulator start(NeynarSimulatorSettings settings) {
		return start(settings, InetAddress.getLoopbackAddress());
	}

	/**
	 * Starts the simulator on the given interface (e.g. {@code 0.0.0.0} in a container).
	 * @param settings port, API key and approval behaviour
	 * @param bindAddress the address to listen on
	 * @return the running simulator; close it when done
	 */
	public static NeynarSimulator start(NeynarSimulatorSettings settings, InetAddress bindAddress) {
		Objects.requireNonNull(settings, "settings");
		Objects.requireNonNull(bindAddress, "bindAddress");
		NeynarSimulator simulator = new NeynarSimulator(settings, bindAddress);
		logger.debug("Neynar simulator started on {}", simulator.baseUri());
		return simulator;
	}

	/**
	 * Starts the simulator configured by variables, with defaults for a local run:
	 * {@code NEYNAR_SIMULATOR_PORT} (8083), {@code NEYNAR_SIMULATOR_API_KEY}
	 * ({@code simulated-neynar-key}), {@code NEYNAR_SIMULATOR_APPROVE_AFTER_LOOKUPS} (2),
	 * {@code NEYNAR_SIMULATOR_APPROVED_FID} (0: a new fid per signer) and
	 * {@code NEYNAR_SIMULATOR_BIND_ADDRESS} (127.0.0.1) and
	 * {@code NEYNAR_SIMULATOR_APPROVED_SIGNERS} ({@code uuid:fid:username,…}, none).
	 * @param environment the variables, usually {@code System.getenv()}
	 * @return the running simulator
	 * @throws IllegalArgumentException naming the variable when a value cannot be used
	 */
	public static NeynarSimulator startFromEnvironment(Map<String, String> environment) {
		NeynarSimulatorSettings defaults = NeynarSimulatorSettings.defaults();
		NeynarSimulatorSettings settings = defaults
			.withPort(EnvironmentVariables.read(environment, "NEYNAR_SIMULATOR_PORT", 8083,
					(value) -> defaults.withPort(Integer.parseInt(value)).port()))
			.withApiKey(EnvironmentVariables.read(environment, "NEYNAR_SIMULATOR_API_KEY", defaults.apiKey(),
					(value) -> value))
			.withApproveAfterLookups(EnvironmentVariables.read(environment, "NEYNAR_SIMULATOR_APPROVE_AFTER_LOOKUPS", 2,
					(value) -> defaults.withApproveAfterLookups(Integer.parseInt(value)).approveAfterLookups()))
			.withApprovedFid(EnvironmentVariables.read(environment, "NEYNAR_SIMULATOR_APPROVED_FID", 0,
					(value) -> defaults.withApprovedFid(Integer.parseInt(value)).approvedFid()));
		InetAddress bindAddress = EnvironmentVariables.read(environment, "NEYNAR_SIMULATOR_BIND_ADDRESS",
				InetAddress.getLoopbackAddress(), EnvironmentVariables::address);
		NeynarSimulator simulator = start(settings, bindAddress);
		// uuid:fid:username,... — signers approved before the simulator started (seeded
		// users).
		String seeded = environment.getOrDefault("NEYNAR_SIMULATOR_APPROVED_SIGNERS", "");
		for (String entry : seeded.split(",")) {
			if (entry.isBlank()) {
				continue;
			}
			String[] parts = entry.strip().split(":", 3);
			if (parts.length != 3) {
				simulator.close();
				throw new IllegalArgumentException(
						"NEYNAR_SIMULATOR_APPROVED_SIGNERS entries are uuid:fid:username, got '" + entry + "'");
			}
			simulator.approvedSigner(parts[0], Integer.parseInt(parts[1]), parts[2]);
		}
		return simulator;
	}

	/**
	 * Where the API listens, e.g. {@code http://127.0.0.1:43210}, without a trailing
	 * slash: the value of {@code NEYNAR_API_URL} for the services.
	 * @return the base URI
	 */
	public URI baseUri() {
		return this.baseUri;
	}

	/**
	 * The only {@code x-api-key} accepted.
	 * @return the API key from the settings
	 */
	public String apiKey() {
		return this.apiKey;
	}

	/**
	 * The runtime fault switches of the {@code /v2/} endpoints.
	 * @return the switches
	 */
	public NeynarFaults faults() {
		return this.faults;
	}

	/**
	 * Adds (or replaces) a Farcaster user, returned by the bulk and custody lookups. A
	 * user registered without an app account gets a stable generated custody address.
	 * @param fid the user's fid
	 * @param username the Farcaster username
	 * @param pfpUrl the profile picture URL, may be null
	 */
	public void registerUser(int fid, String username, String pfpUrl) {
		this.ledger.registerUser(fid, username, pfpUrl);
	}

	/**
	 * Declares an app account: signed key requests with this {@code app_fid} must be
	 * signed by this custody address, and the custody lookup finds the fid.
	 * @param appFid the app's fid
	 * @param custodyAddress {@code 0x} and 40 hex digits (any case)
	 */
	public void registerApp(int appFid, String custodyAddress) {
		this.ledger.registerApp(appFid, custodyAddress);
	}

	/**
	 * From now on a signer waiting for approval is approved at its n-th lookup.
	 * @param lookups at least 1 (1: the first lookup already sees {@code approved})
	 */
	public void approveAfterLookups(int lookups) {
		this.ledger.approveAfterLookups(lookups);
	}

	/**
	 * The fid signers approved from now on get ({@code 0}: a new fid each, from 500000).
	 * A fid unknown to the simulator becomes a user named {@code farcaster-<fid>}.
	 * @param fid the fid, or 0
	 */
	public void approvedFid(int fid) {
		this.ledger.approvedFid(fid);
	}

	/**
	 * Adds a signer already approved by a user (who signed up earlier), e.g. to seed a
	 * demo user or to test casting without the signup flow.
	 * @param signerUuid the signer's uuid
	 * @param fid the user's fid
	 * @param username the Farcaster username, if the simulator does not know the fid yet
	 */
	public void approvedSigner(String signerUuid, int fid, String username) {
		this.ledger.addApprovedSigner(signerUuid, fid, username);
	}

	/**
	 * Revokes a signer: lookups say {@code revoked}, casts with it get 403.
	 * @param signerUuid a signer created by this simulator
	 * @throws IllegalArgumentException if the simulator does not know it
	 */
	public void revoke(String signerUuid) {
		this.ledger.revoke(signerUuid);
	}

	/**
	 * Publish requests accepted with this idempotency key: every one after the first got
	 * the same cast back, so {@code castsFor(idem) == 2} with {@code totalCasts() == 1}
	 * means "delivered twice, cast once".
	 * @param idem the {@code idem} of {@code POST /v2/farcaster/cast}
	 * @return accepted requests with this key
	 */
	public int castsFor(String idem) {
		return this.ledger.acceptedFor(idem);
	}

	/**
	 * Distinct casts published (a repeated {@code idem} adds none).
	 * @return the number of casts
	 */
	public int totalCasts() {
		return this.ledger.casts().size();
	}

	/**
	 * The casts published, oldest first.
	 * @return a snapshot
	 */
	public List<SimulatedCast> casts() {
		return this.ledger.casts();
	}

	/**
	 * Requests to {@code /v2/} so far, whatever their outcome (counted on arrival).
	 * @return the number of API requests
	 */
	public int requests() {
		return this.ledger.requests();
	}

	/** Stops listening and releases held requests at once. */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.closedLatch.countDown();
		this.faults.releaseHeld();
		this.server.stop(0);
		this.executor.shutdownNow();
		logger.debug("Neynar simulator stopped");
	}

}
