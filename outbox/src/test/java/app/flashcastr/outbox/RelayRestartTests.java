package app.flashcastr.outbox;

import java.util.Map;

import org.junit.jupiter.api.Test;

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
		try (OutboxInstance service = OutboxInstance.start(database, vhost, vhost.port(), Map.of())) {
			service.context().stop();
			service.context().start();
			int announced = service.announce(2).size();

			OutboxRelay.DrainResult drained = service.bean(OutboxRelay.class).drain();

			assertThat(drained.confirmed()).isEqualTo(announced);
			assertThat(drained.failed()).isZero();
		}
		finally {
			TestInfrastructure.release(database);
			TestInfrastructure.release(vhost);
		}
	}

}
