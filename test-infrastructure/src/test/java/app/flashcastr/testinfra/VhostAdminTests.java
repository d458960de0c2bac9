package app.flashcastr.testinfra;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import app.flashcastr.localinfra.InfrastructureOrigin;
import app.flashcastr.localinfra.RabbitEndpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A fresh machine runs RabbitMQ without the management plugin: vhosts are then made with
 * the local {@code rabbitmqctl}. Proven against the local broker with its management API
 * looked for on a port where nothing listens, whatever plugins this machine has.
 */
class VhostAdminTests {

	@Test
	void withoutTheManagementApiTheLocalRabbitmqctlMakesAndDeletesVhosts() throws Exception {
		RabbitEndpoint broker = localBrokerWithoutManagementApi();
		String noIsolation = VhostAdmin.noIsolation(broker);
		Prerequisites.require(noIsolation == null, noIsolation);
		assertThat(VhostAdmin.describe(broker)).isEqualTo("rabbitmqctl on the local node");

		IsolatedVhost vhost = VhostAdmin.create(broker);

		assertThat(vhost.name()).startsWith(TestNames.PREFIX);
		assertThat(rabbitmqctlVhosts()).contains(vhost.name());
		try (Connection connection = TestInfrastructureTests.connect(vhost);
				Channel channel = connection.createChannel()) {
			assertThat(channel.queueDeclare("rabbitmqctl-check", false, false, false, null).getQueue())
				.isEqualTo("rabbitmqctl-check");
		}

		VhostAdmin.release(vhost);

		assertThat(rabbitmqctlVhosts()).doesNotContain(vhost.name());
		assertThat(VhostAdmin.isPending(vhost)).isFalse();
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> TestInfrastructureTests.connect(vhost).close());
	}

	@Test
	void abandonedVhostsAreSweptWithRabbitmqctl() throws Exception {
		RabbitEndpoint broker = localBrokerWithoutManagementApi();
		String noIsolation = VhostAdmin.noIsolation(broker);
		Prerequisites.require(noIsolation == null, noIsolation);
		String abandoned = TestNames.next(Instant.now().minusSeconds(7 * 3600));
		String recent = TestNames.next(Instant.now());
		LocalRabbitmqctl.run("add_vhost", abandoned);
		LocalRabbitmqctl.run("add_vhost", recent);
		try {
			VhostAdmin.deleteAbandoned(broker);

			assertThat(rabbitmqctlVhosts()).doesNotContain(abandoned).contains(recent);
		}
		finally {
			LocalRabbitmqctl.run("delete_vhost", recent);
		}
	}

	@Test
	void withNeitherManagementApiNorRabbitmqctlTestsShareTheDefaultVhostAndAreToldWhatToRun() throws IOException {
		// From TEST_RABBITMQ_URL, so rabbitmqctl is not tried: the broker may be
		// elsewhere.
		RabbitEndpoint broker = new RabbitEndpoint(TestInfrastructure.rabbit().host(),
				TestInfrastructure.rabbit().port(), TestInfrastructure.rabbit().username(),
				TestInfrastructure.rabbit().password(), "/", closedPort(), InfrastructureOrigin.ENVIRONMENT);

		IsolatedVhost vhost = VhostAdmin.create(broker);

		assertThat(vhost.name()).isEqualTo("/");
		assertThat(VhostAdmin.noIsolation(broker)).doesNotContain("\n")
			.contains("gives tests no vhost of their own", "management API: ", "rabbitmqctl: not tried",
					"rabbitmq-plugins enable rabbitmq_management");
		VhostAdmin.release(vhost);
	}

	@Test
	void anUnmetPrerequisiteSkipsLocallyAndFailsUnderCi() {
		Class<? extends Throwable> expected = Prerequisites.underCi() ? AssertionFailedError.class
				: TestAbortedException.class;

		assertThatThrownBy(() -> Prerequisites.require(false, "promtool not found: apt-get install prometheus"))
			.isInstanceOf(expected)
			.hasMessageContaining("promtool not found: apt-get install prometheus (bash .ci/run sets this up)");
		Prerequisites.require(true, "never thrown");
	}

	private static RabbitEndpoint localBrokerWithoutManagementApi() throws IOException {
		assumeTrue(TestInfrastructure.rabbit().origin() == InfrastructureOrigin.LOCAL,
				"the broker tests use is not the local one: rabbitmqctl does not apply");
		Resolution<RabbitEndpoint> resolution = RabbitResolver.resolve(Map.of(), RabbitResolver.LOCAL_HOST,
				RabbitResolver.LOCAL_PORT, closedPort());
		assertThat(resolution.failure()).isNull();
		return resolution.get();
	}

	private static java.util.List<String> rabbitmqctlVhosts() {
		return new RabbitmqctlVhosts(LocalRabbitmqctl::run, "the local node").names();
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
