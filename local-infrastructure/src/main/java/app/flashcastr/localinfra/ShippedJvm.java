package app.flashcastr.localinfra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JVM settings the images ship ({@code JAVA_TOOL_OPTIONS} and
 * {@code MALLOC_ARENA_MAX} in service.Dockerfile, held equal by the stack tests), one
 * list for the devstack and the bench so that both run what ships. README "Memory and
 * start-up" says why; the figures are in docs/benchmarks.md.
 */
public final class ShippedJvm {

	/**
	 * The heap: about twice the services' live set, as the Serial old generation fills to
	 * the maximum between full collections ("Small and quick", "API memory (issue 16)").
	 */
	public static final String HEAP = "128m";

	/**
	 * Spring AOT: the services' jars carry their bean definitions as generated code
	 * (Boot's {@code process-aot}), so a start skips parsing configuration classes and
	 * evaluating conditions; a start whose settings would have made a condition decide
	 * otherwise fails at once ({@code FrozenConditionsCheck}). Also what the tests that
	 * start service JVMs run.
	 */
	public static final String SPRING_AOT = "-Dspring.aot.enabled=true";

	/**
	 * The JDK AOT cache's training run (service.Dockerfile, {@link ExtractedJar}): the
	 * service starts, asks itself its probes, a scrape and a GraphQL query, and exits
	 * ({@code AotTrainingRun} in observability), so the cache holds the whole start and
	 * the first requests' paths, not only the context's refresh.
	 */
	public static final String AOT_TRAINING = "-Dflashcastr.aot.training=true";

	/**
	 * The training run's environment over the service's own: no database or broker (port
	 * 1) and no migrations, as in the image build. A training run that reached real ones
	 * would do real work before it exits (consume and pin messages, relay the outbox).
	 */
	public static final Map<String, String> AOT_TRAINING_ENVIRONMENT = Map.of("SPRING_FLYWAY_ENABLED", "false",
			"DATABASE_URL", "postgres://training@127.0.0.1:1/none", "RABBITMQ_URL",
			"amqp://training:training@127.0.0.1:1");

	/**
	 * Spring AOT ({@link #SPRING_AOT}) and every other option: Serial GC (G1's remembered
	 * sets and concurrent cycles cost 30–40 MiB and pause spikes on two cores), a small
	 * initial heap (the JVM's default, 1/64 of the machine's memory, commits the whole
	 * maximum at once on a large host), caps on metaspace, code cache and direct buffers
	 * so a leak fails loudly instead of growing RSS, the heap shrunk after a load (free
	 * ratios 10–30 %), at most two JIT compiler threads (each C2 compilation peaks at ~40
	 * MiB of malloc'ed scratch memory), the memory glibc keeps after the compilers'
	 * bursts trimmed every 5 s, and hot methods let past C1's limited-profile tier
	 * however long C2's queue (JDK-8386852: with an AOT cache that queue held them back
	 * from C2 under load and cost the API a quarter of its throughput, "Session 14").
	 */
	public static final List<String> OPTIONS_BUT_HEAP = List.of(ShippedJvm.SPRING_AOT, "-Xms32m", "-XX:+UseSerialGC",
			"-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=32m",
			"-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:TrimNativeHeapInterval=5000",
			"-XX:CICompilerCount=2", "-XX:Tier3DelayOff=100000", "-XX:+ExitOnOutOfMemoryError");

	/**
	 * glibc's malloc arenas: two instead of eight per core (one arena cost API CPU for no
	 * RSS).
	 */
	public static final String MALLOC_ARENA_MAX = "2";

	private ShippedJvm() {
	}

	/**
	 * The options with a heap of {@code heap} ({@code 128m}, …).
	 * @param heap the maximum heap, as {@code -Xmx} takes it
	 * @return the shipped options with that heap
	 */
	public static List<String> options(String heap) {
		List<String> options = new ArrayList<>();
		options.add("-Xmx" + heap);
		options.addAll(OPTIONS_BUT_HEAP);
		return List.copyOf(options);
	}

}
