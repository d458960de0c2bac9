package app.flashcastr.producer.sync;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import app.flashcastr.producer.ProducerInstance;
import app.flashcastr.producer.TestFeed;
import app.flashcastr.testinfra.IsolatedDatabase;
import app.flashcastr.testinfra.IsolatedVhost;
import app.flashcastr.testinfra.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sync that runs at start-up logs inside its span: its JSON lines carry the trace id
 * and span id. Boot connects tracing scopes to the MDC only when the context is
 * refreshed, and the devstack's producer logged its first "Sync processed" without ids,
 * before "Started": the first run now waits for the application to be ready. A listener
 * ordered before Boot's holds the refresh for up to 3 s, watching for a feed call that
 * must not come yet.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupSyncLogTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void theStartUpSyncLogsWithItsTraceAndSpanIds(CapturedOutput output) {
		IsolatedDatabase database = TestInfrastructure.newDatabase();
		IsolatedVhost vhost = TestInfrastructure.newVhost();
		TestFeed.simulator().faults().reset();
		TestFeed.simulator().emitFlashes(2);
		SlowRefresh refresh = new SlowRefresh();
		try (ConfigurableApplicationContext producer = ProducerInstance.start(database, vhost, vhost.port(),
				Map.of("invaders.bot.sync.enabled", true, "invaders.bot.sync.interval", "1h",
						"invaders.bot.sync.off-peak-skip-probability", 0),
				refresh)) {
			JsonNode processed = await().atMost(Duration.ofSeconds(30))
				.until(() -> line(output, "Sync processed"), (line) -> line != null);

			assertThat(refresh.feedCallsBeforeReady).isZero();
			assertThat(processed.path("trace_id").asString()).matches("[0-9a-f]{32}");
			assertThat(processed.path("span_id").asString()).matches("[0-9a-f]{16}");
			assertThat(processed.path("thread").asString()).doesNotContain("main");
		}
		finally {
			TestInfrastructure.release(database);
			TestInfrastructure.release(vhost);
		}
	}

	/** Holds the refresh event, before Boot's tracing listener sees it. */
	@Order(Ordered.HIGHEST_PRECEDENCE)
	private static final class SlowRefresh implements ApplicationListener<ContextRefreshedEvent> {

		private final int feedCallsAtStart = TestFeed.simulator().feedRequests();

		private volatile int feedCallsBeforeReady;

		@Override
		public void onApplicationEvent(ContextRefreshedEvent event) {
			try {
				await().atMost(Duration.ofSeconds(3)).until(() -> feedCalls() > 0);
			}
			catch (ConditionTimeoutException ex) {
				// No sync started before the application was ready.
			}
			this.feedCallsBeforeReady = feedCalls();
		}

		private int feedCalls() {
			return TestFeed.simulator().feedRequests() - this.feedCallsAtStart;
		}

	}

	private static JsonNode line(CapturedOutput output, String message) {
		List<String> lines = output.getOut().lines().filter((line) -> line.startsWith("{")).toList();
		for (String line : lines) {
			JsonNode json = JSON.readTree(line);
			if (json.path("message").asString().startsWith(message)) {
				return json;
			}
		}
		return null;
	}

}
