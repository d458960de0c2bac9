package app.flashcastr.producer.sync;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import app.flashcastr.producer.ProducerInstance;
import app.flashcastr.producer.TestFeed;
import app.flashcastr.testinfra.IsolatedDatabase;
import app.flashcastr.testinfra.IsolatedVhost;
import app.flashcastr.testinfra.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/** Two producer replicas on one database: one syncs, the other stands by. */
class SyncLockTests {

	@Test
	void oneReplicaSyncsAndKeepsTheLockUntilItStops() {
		IsolatedDatabase database = TestInfrastructure.newDatabase();
		IsolatedVhost vhost = TestInfrastructure.newVhost();
		try (ConfigurableApplicationContext first = ProducerInstance.start(database, vhost, vhost.port(), Map.of());
				ConfigurableApplicationContext second = ProducerInstance.start(database, vhost, vhost.port(),
						Map.of())) {
			// A slow feed keeps the first run inside its lock while the second one tries.
			TestFeed.simulator().faults().latency(Duration.ofSeconds(2));
			CompletableFuture<SyncReport> a = CompletableFuture.supplyAsync(first.getBean(FlashSync.class)::runOnce);
			CompletableFuture<SyncReport> b = CompletableFuture.supplyAsync(second.getBean(FlashSync.class)::runOnce);

			List<SyncReport.Outcome> outcomes = List.of(a.join().outcome(), b.join().outcome());

			assertThat(outcomes).containsExactlyInAnyOrder(SyncReport.Outcome.PROCESSED, SyncReport.Outcome.LOCKED);
			TestFeed.simulator().faults().reset();
			TestFeed.simulator().emitFlashes(1);
			// The winner keeps the lock between runs: the other stays the standby...
			boolean firstWon = b.join().outcome() == SyncReport.Outcome.LOCKED;
			ConfigurableApplicationContext winner = firstWon ? first : second;
			FlashSync standby = (firstWon ? second : first).getBean(FlashSync.class);
			assertThat(standby.runOnce().outcome()).isEqualTo(SyncReport.Outcome.LOCKED);
			assertThat(winner.getBean(FlashSync.class).runOnce().outcome()).isNotEqualTo(SyncReport.Outcome.LOCKED);
			// ...until the winner stops: its lock goes with it, and the standby syncs.
			winner.close();
			assertThat(standby.runOnce().outcome()).isEqualTo(SyncReport.Outcome.PROCESSED);
		}
		finally {
			TestFeed.simulator().faults().reset();
			TestInfrastructure.release(database);
			TestInfrastructure.release(vhost);
		}
	}

}
