package app.flashcastr.producer.publish;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import app.flashcastr.producer.ProducerInstance;
import app.flashcastr.producer.TestFeed;
import app.flashcastr.producer.sync.FlashSync;
import app.flashcastr.producer.sync.SyncReport;
import app.flashcastr.testinfra.IsolatedDatabase;
import app.flashcastr.testinfra.IsolatedVhost;
import app.flashcastr.testinfra.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stopped and restarted application publishes again: the relay's final drain at stop
 * must not close it for good (Spring's test framework pauses idle contexts this way, and
 * so can an operator's lifecycle tooling).
 */
class RelayRestartTests {

	@Test
	void theRelayPublishesAgainAfterTheContextIsStoppedAndStarted() {
		IsolatedDatabase database = TestInfrastructure.newDatabase();
		IsolatedVhost vhost = TestInfrastructure.newVhost();
		TestFeed.simulator().faults().reset();
		try (ConfigurableApplicationContext producer = ProducerInstance.start(database, vhost, vhost.port(),
				Map.of())) {
			producer.stop();
			producer.start();
			TestFeed.simulator().emitFlashes(2);

			SyncReport report = producer.getBean(FlashSync.class).runOnce();

			assertThat(report.newFlashes()).isPositive();
			assertThat(report.published()).isEqualTo(report.newFlashes() + report.reannounced());
		}
		finally {
			TestInfrastructure.release(database);
			TestInfrastructure.release(vhost);
		}
	}

}
