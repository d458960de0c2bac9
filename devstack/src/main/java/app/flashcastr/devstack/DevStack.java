package app.flashcastr.devstack;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import app.flashcastr.devstack.infra.BrokerEndpoint;
import app.flashcastr.devstack.infra.BrokerProvider;
import app.flashcastr.devstack.infra.PostgresProvider;
import app.flashcastr.devstack.infra.Provided;
import app.flashcastr.devstack.service.DemoUser;
import app.flashcastr.devstack.service.InfrastructureEnvironment;
import app.flashcastr.devstack.service.Replicas;
import app.flashcastr.devstack.service.ScrapeTargets;
import app.flashcastr.devstack.service.ServiceCatalog;
import app.flashcastr.devstack.service.ServiceProcess;
import app.flashcastr.devstack.service.ServiceSpec;
import app.flashcastr.devstack.service.ServiceStartException;
import app.flashcastr.devstack.service.StoredFlashes;
import app.flashcastr.localinfra.Ports;
import app.flashcastr.localinfra.PostgresEndpoint;

/**
 * The one-command local run ({@code ./mvnw -Pdevstack -DskipTests package}): PostgreSQL
 * and an AMQP broker (given, local or embedded), then the simulators and, once they are
 * ready, every service at once, each as its own JVM. Ctrl-C (or SIGTERM) stops it all.
 */
public final class DevStack {

	static final String README_COMMAND = "./mvnw -Pdevstack -DskipTests package";

	private static final Duration STOP_GRACE = Duration.ofSeconds(10);

	private final DevStackSettings settings;

	private final PrintStream console;

	private final StatusFile statusFile;

	private final Instant startedAt = Instant.now();

	/** This run, as its status file names it: only the owner removes the file. */
	private final StatusFile.Owner owner = new StatusFile.Owner(ProcessHandle.current().pid(),
			this.startedAt.toString());

	private final Object lock = new Object();

	private final Deque<AutoCloseable> infrastructure = new ArrayDeque<>();

	private final List<ServiceProcess> services = new ArrayList<>();

	private final Map<String, String> serviceStates = new LinkedHashMap<>();

	private PostgresEndpoint postgres;

	private BrokerEndpoint broker;

	private boolean stopping;

	DevStack(DevStackSettings settings, PrintStream console) {
		this.settings = settings;
		this.console = console;
		this.statusFile = new StatusFile(settings.stateDirectory().resolve("status.json"));
	}

	public static void main(String[] args) throws InterruptedException {
		DevStack stack = new DevStack(DevStackSettings.from(System.getenv(), System.getProperties()), System.out);
		Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "devstack-shutdown"));
		int exitCode = stack.start();
		if (exitCode != 0 || stack.settings.exitAfterReady()) {
			stack.stop();
			System.exit(exitCode);
		}
		// Runs until Ctrl-C or SIGTERM; the shutdown hook does the stopping.
		new CountDownLatch(1).await();
	}

	/**
	 * Starts everything: infrastructure, simulators, then the services side by side.
	 * @return 0 once all is ready; 1 after saying why not (the caller then stops what
	 * started)
	 */
	int start() {
		try {
			List<ServiceSpec> selected = preflight();
			say("repository " + this.settings.root() + ", state in " + relative(this.settings.stateDirectory()));
			startInfrastructure();
			selected = continueOrCleanTheFeed(selected);
			Map<String, String> infrastructureEnvironment = InfrastructureEnvironment.of(this.postgres, this.broker);
			// The simulators first (the services call them as they start), then the
			// services all at once: they do not wait for each other (Flyway's lock
			// serialises their migrations), and JVMs starting side by side use both
			// cores.
			for (ServiceSpec spec : selected) {
				if (!spec.usesInfrastructure()) {
					awaitService(launchService(spec, infrastructureEnvironment));
				}
			}
			boolean seeded = false;
			List<Launched> launched = new ArrayList<>();
			for (ServiceSpec spec : selected) {
				if (spec.usesInfrastructure()) {
					launched.add(launchService(spec, infrastructureEnvironment));
				}
			}
			for (Launched service : launched) {
				awaitService(service);
				if (service.spec().service().equals("producer") && !seeded) {
					// The (first) producer has migrated the schema by now.
					seedDemoUser();
					seeded = true;
				}
			}
			ScrapeTargets.write(scrapeTargetsDirectory(), selected);
			writeStatus("ready");
			printSummary(selected);
			return 0;
		}
		catch (DevStackException | ServiceStartException ex) {
			if (!isStopping()) {
				say("ERROR: " + ex.getMessage());
			}
			return 1;
		}
		catch (Exception ex) {
			if (!isStopping()) {
				say("ERROR: " + ex);
			}
			return 1;
		}
	}

	/**
	 * Stops services (last started first), then embedded infrastructure. Safe to call
	 * twice.
	 */
	void stop() {
		synchronized (this.lock) {
			if (this.stopping) {
				return;
			}
			this.stopping = true;
			boolean anythingStarted = !this.services.isEmpty() || !this.infrastructure.isEmpty();
			if (anythingStarted) {
				say("stopping...");
			}
			for (ServiceProcess service : this.services.reversed()) {
				if (!service.stop(STOP_GRACE)) {
					say(service.spec().name() + " did not stop within " + STOP_GRACE.toSeconds() + " s: killed");
				}
			}
			while (!this.infrastructure.isEmpty()) {
				try {
					this.infrastructure.pop().close();
				}
				catch (Exception ex) {
					say("could not stop embedded infrastructure cleanly: " + ex.getMessage());
				}
			}
			if (this.statusFile.owner().map(this.owner::equals).orElse(false)) {
				ScrapeTargets.clear(scrapeTargetsDirectory());
			}
			this.statusFile.deleteIfOwnedBy(this.owner);
			if (anythingStarted) {
				say("stopped");
			}
		}
	}

	/** This run, as its status file names it. */
	StatusFile.Owner owner() {
		return this.owner;
	}

	private List<ServiceSpec> preflight() throws DevStackException {
		claimStatusFile();
		String givenDatabase = this.settings.environment().get(PostgresProvider.DATABASE_URL);
		if (this.settings.clean() && givenDatabase != null && !givenDatabase.isBlank()) {
			// Someone's own database may hold what they care about: never emptied.
			throw new DevStackException(DevStackSettings.CLEAN + "=true empties only the devstack's own database, not"
					+ " one given by " + PostgresProvider.DATABASE_URL + ": unset one of them");
		}
		Replicas replicas;
		try {
			replicas = this.settings.replicas();
		}
		catch (IllegalArgumentException ex) {
			throw new DevStackException(DevStackSettings.REPLICAS + ": " + ex.getMessage());
		}
		List<ServiceSpec> selected;
		try {
			selected = new ServiceCatalog(this.settings.root(), this.settings.version())
				.select(this.settings.services(), replicas);
		}
		catch (IllegalArgumentException ex) {
			throw new DevStackException(DevStackSettings.SERVICES + ": " + ex.getMessage());
		}
		List<String> missing = selected.stream()
			.map(ServiceSpec::jar)
			.filter((jar) -> !Files.isRegularFile(jar))
			.map(this::relative)
			.toList();
		if (!missing.isEmpty()) {
			throw new DevStackException("missing " + String.join(", ", missing)
					+ ". Build everything first: run the README command from the repository root: " + README_COMMAND);
		}
		for (ServiceSpec spec : selected) {
			if (Ports.answers(Ports.LOOPBACK, spec.port())) {
				throw new DevStackException("port " + spec.port() + " (for " + spec.name()
						+ ") is already in use: stop whatever listens there (another devstack?) and retry");
			}
		}
		return selected;
	}

	/**
	 * Makes the status file this run's, atomically, or says which devstack runs: of two
	 * started at the same moment, one gets the file and the other stops without touching
	 * it.
	 */
	private void claimStatusFile() throws DevStackException {
		StatusFile.Status starting = new StatusFile.Status("starting", this.owner.pid(), this.owner.startedAt(), null,
				null, List.of());
		for (int attempt = 0; attempt < 2; attempt++) {
			if (this.statusFile.create(starting)) {
				return;
			}
			Optional<StatusFile.Owner> other = this.statusFile.owner();
			if (other.isPresent() && other.get().isAlive()) {
				long pid = other.get().pid();
				throw new DevStackException(
						"a devstack is already running (pid " + pid + ", see " + relative(this.statusFile.path())
								+ "): stop it first (Ctrl-C in its terminal, or kill " + pid + ")");
			}
			// Left by a devstack that died without cleaning up: take it over.
			other.ifPresentOrElse(this.statusFile::deleteIfOwnedBy, this.statusFile::deleteUnreadable);
		}
		throw new DevStackException("another devstack took " + relative(this.statusFile.path())
				+ " at the same moment: stop it first, or retry");
	}

	private void startInfrastructure() throws Exception {
		Path state = this.settings.stateDirectory();
		Provided<PostgresEndpoint> database = PostgresProvider.provide(this.settings.environment(), state,
				this.settings.embeddedOnly());
		keep(database);
		this.postgres = database.endpoint();
		say("PostgreSQL (" + this.postgres.origin().label() + "): " + this.postgres.displayUrl());
		String givenBroker = this.settings.environment().get(BrokerProvider.RABBITMQ_URL);
		boolean cluster = this.settings.rabbitmqCluster() && (givenBroker == null || givenBroker.isBlank());
		Provided<BrokerEndpoint> amqp;
		try {
			amqp = cluster ? BrokerProvider.cluster()
					: BrokerProvider.provide(this.settings.environment(), state, this.settings.embeddedOnly());
		}
		catch (IllegalStateException ex) {
			throw new DevStackException(ex.getMessage());
		}
		keep(amqp);
		this.broker = amqp.endpoint();
		say("AMQP broker (" + brokerLabel() + "): " + this.broker.displayUrl());
		if (this.broker.classicQueuesOnly()) {
			say("the embedded broker has no quorum queues and takes no RabbitMQ queue arguments: services get "
					+ InfrastructureEnvironment.QUEUE_TYPE + "=classic");
		}
	}

	/**
	 * The database outlives the devstack while the feed simulator restarts with the same
	 * seed: continue the feed after the highest stored flash id, or empty the database
	 * first on request, and say which.
	 */
	private List<ServiceSpec> continueOrCleanTheFeed(List<ServiceSpec> selected) throws DevStackException {
		try {
			if (this.settings.clean()) {
				List<String> tables = StoredFlashes.clean(this.postgres.url());
				say("started clean (" + DevStackSettings.CLEAN + "=true): emptied " + tables.size()
						+ " tables of the database");
				return selected;
			}
			StoredFlashes stored = StoredFlashes.read(this.postgres.url());
			if (stored.count() == 0) {
				say("database keeps no flashes: the feed starts fresh");
				return selected;
			}
			say("database keeps " + stored.count() + " flashes; the feed continues after flash id " + stored.highestId()
					+ " (" + DevStackSettings.CLEAN + "=true starts clean)");
			return selected.stream()
				.map((spec) -> spec.name().equals("simulators") ? stored.continueFeed(spec) : spec)
				.toList();
		}
		catch (SQLException ex) {
			throw new DevStackException("could not read the flashes the database keeps: " + ex.getMessage());
		}
	}

	private void seedDemoUser() {
		try {
			DemoUser.seed(this.postgres.url(),
					new ServiceCatalog(this.settings.root(), this.settings.version()).secrets());
			say("demo user " + DemoUser.PLAYER + " (fid " + DemoUser.FID
					+ ") registered with auto-cast on: their Paris flashes are cast through the Neynar simulator");
		}
		catch (SQLException ex) {
			say("could not seed the demo user (" + ex.getMessage() + "): auto-cast has no one to cast for");
		}
	}

	private Launched launchService(ServiceSpec spec, Map<String, String> infrastructureEnvironment)
			throws ServiceStartException, DevStackException {
		say("starting " + spec.name() + " (" + relative(spec.jar()) + ", port " + spec.port() + ")");
		Instant begin = Instant.now();
		ServiceProcess service = ServiceProcess.start(spec, this.settings.java(), infrastructureEnvironment,
				this.settings.stateDirectory().resolve("logs"), this.console);
		synchronized (this.lock) {
			if (this.stopping) {
				service.stop(STOP_GRACE);
				throw new DevStackException("stopping");
			}
			this.services.add(service);
			this.serviceStates.put(spec.name(), "starting");
		}
		writeStatus("starting");
		return new Launched(spec, service, begin);
	}

	private void awaitService(Launched launched) throws ServiceStartException {
		ServiceProcess service = launched.process();
		String name = launched.spec().name();
		service.awaitReady(this.settings.readyTimeout());
		service.onUnexpectedExit(this::reportUnexpectedExit);
		synchronized (this.lock) {
			this.serviceStates.put(name, "ready");
		}
		say(name + " ready in " + Duration.between(launched.begin(), Instant.now()).toMillis() / 100 / 10.0 + " s (pid "
				+ service.pid() + ")");
		writeStatus("starting");
	}

	/** A service whose JVM is started, maybe not ready yet. */
	private record Launched(ServiceSpec spec, ServiceProcess process, Instant begin) {
	}

	private void reportUnexpectedExit(ServiceProcess service) {
		String name = service.spec().name();
		synchronized (this.lock) {
			if (this.stopping) {
				return;
			}
			this.serviceStates.put(name, "exited");
		}
		int code = service.exitCode();
		// 130/143: it got Ctrl-C or SIGTERM itself, e.g. from the terminal; the hook
		// follows.
		if (code == 130 || code == 143) {
			say(name + " stopped by a signal (exit " + code + ")");
			return;
		}
		String bar = "!".repeat(72);
		say(bar);
		say("!!! " + name + " (pid " + service.pid() + ") EXITED UNEXPECTEDLY with code " + code
				+ "; the others keep running");
		say("!!! full log: " + relative(this.settings.stateDirectory().resolve("logs").resolve(name + ".log"))
				+ "; last lines:");
		service.lastLines()
			.stream()
			.skip(Math.max(0, service.lastLines().size() - 15))
			.forEach((line) -> say("!!!   " + line));
		say(bar);
		writeStatus("degraded");
	}

	private void printSummary(List<ServiceSpec> selected) {
		Map<String, String> lines = new LinkedHashMap<>();
		selected.forEach((spec) -> lines.putAll(spec.links()));
		lines.put("PostgreSQL (" + this.postgres.origin().label() + ")", this.postgres.displayUrl());
		lines.put("AMQP broker (" + brokerLabel() + ")", this.broker.displayUrl());
		if (this.broker.managementUrl() != null) {
			lines.put("RabbitMQ management", this.broker.managementUrl() + "  (guest/guest)");
		}
		lines.put("status file", relative(this.statusFile.path()));
		if (selected.stream().anyMatch((spec) -> !spec.name().equals(spec.service()))) {
			lines.put("replicas",
					selected.stream()
						.filter((spec) -> !spec.service().equals("simulators"))
						.map((spec) -> spec.name() + " :" + spec.port())
						.collect(java.util.stream.Collectors.joining(", ")));
		}
		lines.put("Prometheus targets", relative(scrapeTargetsDirectory()) + "/*.json  (SCRAPE_DISCOVERY=file)");
		int width = lines.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
		say("ready in " + Duration.between(this.startedAt, Instant.now()).toSeconds() + " s:");
		lines.forEach((label, url) -> say("  " + label + " ".repeat(width - label.length()) + url));
		if (!this.settings.exitAfterReady()) {
			say("Ctrl-C stops everything.");
		}
	}

	private void writeStatus(String requested) {
		synchronized (this.lock) {
			if (this.stopping) {
				return;
			}
			// A service that died stays visible, whatever the start-up loop reports
			// after.
			String state = this.serviceStates.containsValue("exited") ? "degraded" : requested;
			List<StatusFile.Service> children = this.services.stream()
				.map((service) -> new StatusFile.Service(service.spec().name(), service.pid(), service.spec().port(),
						service.spec().readinessUrl().toString(), this.serviceStates.get(service.spec().name()),
						service.exitCode()))
				.toList();
			this.statusFile.write(new StatusFile.Status(state, ProcessHandle.current().pid(), this.startedAt.toString(),
					new StatusFile.Infrastructure(this.postgres.origin().label(), this.postgres.host(),
							this.postgres.port(), this.postgres.displayUrl(), null, null),
					new StatusFile.Infrastructure(this.broker.origin().label(), this.broker.host(), this.broker.port(),
							this.broker.displayUrl(), this.broker.managementUrl(),
							this.broker.classicQueuesOnly() ? "classic" : null),
					children));
		}
	}

	/** Where the file-discovery targets for a local Prometheus are written. */
	private Path scrapeTargetsDirectory() {
		return this.settings.stateDirectory().resolve("prometheus");
	}

	private void keep(AutoCloseable started) throws Exception {
		synchronized (this.lock) {
			if (this.stopping) {
				started.close();
				throw new DevStackException("stopping");
			}
			this.infrastructure.push(started);
		}
	}

	private boolean isStopping() {
		synchronized (this.lock) {
			return this.stopping;
		}
	}

	private String brokerLabel() {
		return switch (this.broker.origin()) {
			case EMBEDDED -> "embedded Qpid";
			case CLUSTER -> "local 3-node cluster";
			default -> this.broker.origin().label();
		};
	}

	private String relative(Path path) {
		Path absolute = path.toAbsolutePath().normalize();
		return absolute.startsWith(this.settings.root()) ? this.settings.root().relativize(absolute).toString()
				: absolute.toString();
	}

	private void say(String message) {
		this.console.println("[devstack] " + message);
	}

	/** A reason to stop before or during start that the user can act on. */
	static final class DevStackException extends Exception {

		DevStackException(String message) {
			super(message);
		}

	}

}
