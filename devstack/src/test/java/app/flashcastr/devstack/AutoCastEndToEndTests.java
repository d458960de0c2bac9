package app.flashcastr.devstack;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import app.flashcastr.devstack.service.ServiceProcess;
import app.flashcastr.devstack.service.ServiceSpec;
import app.flashcastr.localinfra.Ports;
import app.flashcastr.simulators.feed.FeedSimulator;
import app.flashcastr.simulators.feed.FeedSimulatorSettings;
import app.flashcastr.simulators.feed.SimulatedFlash;
import app.flashcastr.simulators.ipfs.IpfsSimulator;
import app.flashcastr.simulators.ipfs.IpfsSimulatorSettings;
import app.flashcastr.simulators.neynar.NeynarSimulator;
import app.flashcastr.simulators.neynar.NeynarSimulatorSettings;
import app.flashcastr.testinfra.IsolatedDatabase;
import app.flashcastr.testinfra.IsolatedVhost;
import app.flashcastr.testinfra.ServiceJvmsUnderTest;
import app.flashcastr.testinfra.TestInfrastructure;
import app.flashcastr.testinfra.TraceSink.ReceivedSpan;
import app.flashcastr.testinfra.TraceSink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole auto-cast path with the three services as their own JVMs (the jars
 * {@code ./mvnw verify} just packaged), real PostgreSQL and RabbitMQ, and simulators for
 * the outside: a player signs up through the API, flashes in Paris, and the cast's hash
 * comes back through the API's {@code flashes} query; one trace links producer, consumer
 * and the cast.
 */
class AutoCastEndToEndTests {

	private static final String PLAYER = "EndToEndEmma";

	private static final String SIGNER_KEY = "8f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

	private static final String API_KEY = "end-to-end-api-key";

	// Three JVMs starting side by side on a shared 2-core machine.
	private static final Duration READY = Duration.ofSeconds(180);

	private static final List<ServiceProcess> services = new ArrayList<>();

	private static IsolatedDatabase database;

	private static IsolatedVhost vhost;

	private static FeedSimulator feed;

	private static IpfsSimulator ipfs;

	private static NeynarSimulator neynar;

	private static TraceSink traces;

	private static int graphqlPort;

	@BeforeAll
	static void startTheSuite(@TempDir Path logs) throws Exception {
		database = TestInfrastructure.newDatabase();
		vhost = TestInfrastructure.newVhost();
		feed = FeedSimulator.start(FeedSimulatorSettings.defaults().withParisPlayers(List.of(PLAYER)));
		ipfs = IpfsSimulator.start(IpfsSimulatorSettings.defaults());
		neynar = NeynarSimulator.start(NeynarSimulatorSettings.defaults().withApproveAfterLookups(1));
		neynar.registerApp(NeynarSimulator.DEV_APP_FID, NeynarSimulator.DEV_APP_CUSTODY_ADDRESS);
		traces = TraceSink.start();
		Map<String, String> infrastructure = Map.of("DATABASE_URL", database.postgresUrl(), "RABBITMQ_URL",
				vhost.amqpUrl());
		// All three at once, as the devstack starts them: Flyway's lock serialises their
		// migrations, and JVMs starting side by side use both cores.
		start("producer", Map.of("FEED_API_URL", feed.baseUri().toString(), "SYNC_INTERVAL", "PT2S",
				"SYNC_OFF_PEAK_SKIP_PROBABILITY", "0",
				// At most a 10 % backoff skip: a slow start must not leave the sync
				// skipping.
				"INVADERS_BOT_SYNC_MAXBACKOFFRUNS", "1", "NEYNAR_API_URL", neynar.baseUri().toString(),
				"NEYNAR_API_KEY", neynar.apiKey(), "SIGNER_ENCRYPTION_KEY", SIGNER_KEY, "CAST_RETRY_INTERVAL", "2s"),
				infrastructure, logs);
		start("consumer", Map.of("FEED_API_URL", feed.baseUri().toString(), "IPFS_PROVIDER", "kubo", "KUBO_API_URL",
				ipfs.kuboUri().toString()), infrastructure, logs);
		graphqlPort = Ports.freePort();
		start("api",
				Map.of("PORT", String.valueOf(graphqlPort), "NEYNAR_API_URL", neynar.baseUri().toString(),
						"NEYNAR_API_KEY", neynar.apiKey(), "FARCASTER_DEVELOPER_MNEMONIC", NeynarSimulator.DEV_MNEMONIC,
						"API_KEY", API_KEY, "SIGNER_ENCRYPTION_KEY", SIGNER_KEY),
				infrastructure, logs);
		for (ServiceProcess service : services) {
			service.awaitReady(READY);
		}
	}

	@AfterAll
	static void stopTheSuite() {
		services.reversed().forEach((service) -> service.stop(Duration.ofSeconds(10)));
		for (AutoCloseable closeable : new AutoCloseable[] { traces, neynar, ipfs, feed }) {
			try {
				if (closeable != null) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				// Best effort: the next test starts its own.
			}
		}
		if (vhost != null) {
			TestInfrastructure.release(vhost);
		}
		if (database != null) {
			TestInfrastructure.release(database);
		}
	}

	@Test
	void aSignedUpPlayersNewFlashIsPinnedCastAndServedWithItsCastHashInOneTrace() {
		String signer = graphql("mutation { initiateSignup(username: \"" + PLAYER + "\") { signer_uuid status } }")
			.at("/data/initiateSignup/signer_uuid")
			.stringValue();
		JsonNode approved = await().atMost(Duration.ofSeconds(20))
			.until(() -> graphql("{ pollSignupStatus(signer_uuid: \"" + signer + "\", username: \"" + PLAYER
					+ "\") { status fid } }")
				.at("/data/pollSignupStatus"),
					(status) -> "APPROVED_FINALIZED".equals(status.path("status").stringValue()));
		int fid = approved.path("fid").intValue();

		SimulatedFlash flash = feed.emitFlash(PLAYER, "Paris", true);

		JsonNode linked = await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> userFlash(fid, flash.flashId()), (row) -> row != null && !row.path("cast_hash").isNull());
		String castHash = linked.path("cast_hash").stringValue();
		assertThat(castHash).startsWith("0x");
		assertThat(linked.at("/flash/ipfs_cid").stringValue()).isNotBlank();
		assertThat(neynar.casts()).filteredOn((cast) -> cast.hash().equals(castHash))
			.singleElement()
			.satisfies((cast) -> {
				assertThat(cast.signerUuid()).isEqualTo(signer);
				assertThat(cast.text()).isEqualTo("I just flashed an Invader in Paris! 👾");
				assertThat(cast.embedUrls()).containsExactly("https://www.flashcastr.app/flash/" + flash.flashId());
			});

		// The hops are PRODUCER → CONSUMER, so Tempo's service map shows both edges. Each
		// process exports its spans in batches of its own: wait until both hops arrived.
		Set<ServiceGraph.Edge> roundTrip = Set.of(new ServiceGraph.Edge("invaders-bot", "invaders-consumer"),
				new ServiceGraph.Edge("invaders-consumer", "invaders-bot"));
		List<ReceivedSpan> trace = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.until(AutoCastEndToEndTests::castTrace, (found) -> ServiceGraph.edges(found).containsAll(roundTrip));
		Set<String> servicesInTrace = trace.stream().map(ReceivedSpan::service).collect(Collectors.toSet());
		assertThat(servicesInTrace).contains("invaders-bot", "invaders-consumer");
		assertThat(trace).filteredOn((span) -> span.kind().equals("SPAN_KIND_PRODUCER"))
			.isNotEmpty()
			.allSatisfy((publish) -> {
				assertThat(publish.attributes()).containsEntry("messaging.system", "rabbitmq")
					.containsEntry("messaging.operation.type", "send")
					.containsKeys("messaging.destination.name", "messaging.rabbitmq.destination.routing_key",
							"messaging.message.id");
				assertThat(publish.name())
					.isEqualTo(publish.attributes().get("messaging.destination.name") + " publish");
			});
		assertThat(trace).noneMatch((span) -> span.name().equals("outbox publish"));
	}

	/**
	 * The spans of the trace that holds the producer's call to Neynar's cast endpoint.
	 */
	private static List<ReceivedSpan> castTrace() {
		Map<String, List<ReceivedSpan>> byTrace = traces.traces();
		return byTrace.values()
			.stream()
			.filter((spans) -> spans.stream().anyMatch(AutoCastEndToEndTests::isCastCall))
			.filter((spans) -> spans.stream().anyMatch((span) -> span.service().equals("invaders-consumer")))
			.findFirst()
			.orElse(List.of());
	}

	private static boolean isCastCall(ReceivedSpan span) {
		return span.service().equals("invaders-bot") && span.kind().equals("SPAN_KIND_CLIENT")
				&& span.attributes().values().stream().anyMatch((value) -> value.contains("/v2/farcaster/cast"));
	}

	private static JsonNode userFlash(int fid, long flashId) {
		JsonNode flashes = graphql("{ flashes(fid: " + fid + ", limit: 50) { flash_id cast_hash flash { ipfs_cid } } }")
			.at("/data/flashes");
		for (JsonNode row : flashes) {
			if (row.path("flash_id").stringValue().equals(String.valueOf(flashId))) {
				return row;
			}
		}
		return null;
	}

	private static JsonNode graphql(String query) {
		return ApiCalls.graphql(graphqlPort, API_KEY, query);
	}

	private static void start(String module, Map<String, String> own, Map<String, String> infrastructure, Path logs)
			throws Exception {
		int managementPort = Ports.freePort();
		Map<String, String> environment = new LinkedHashMap<>(own);
		environment.put("METRICS_PORT", String.valueOf(managementPort));
		environment.put("LOG_FORMAT", "text");
		environment.put("TEMPO_HTTP_ENDPOINT", traces.endpoint());
		environment.put("TRACING_SAMPLING_PROBABILITY", "1.0");
		ServiceSpec spec = new ServiceSpec(module, PackagedServices.jar(module), managementPort, environment, true,
				URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"),
				ServiceJvmsUnderTest.OPTIONS, Map.of());
		ServiceProcess service = ServiceProcess.start(spec, PackagedServices.java(), infrastructure, logs,
				PackagedServices.extractedJars(), new PrintStream(PrintStream.nullOutputStream()));
		services.add(service);
	}

}
