package app.flashcastr.testinfra;

import java.nio.file.Path;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local cluster as tests see it: its ports (a contract with rabbitmq/cluster.sh and
 * the Prometheus configs), the services' URL for one of its vhosts, and a vhost made on
 * it that every node knows.
 */
class RabbitClusterTests {

	@Test
	void nodesHaveTheContractedPortsAndTheScriptIsFound() {
		RabbitCluster.Node second = new RabbitCluster.Node(2);
		assertThat(second.name()).isEqualTo("flashcastr2@localhost");
		assertThat(second.amqpPort()).isEqualTo(5702);
		assertThat(second.managementPort()).isEqualTo(15702);
		assertThat(second.prometheusPort()).isEqualTo(15712);
		assertThat(RabbitCluster.script()).isRegularFile().endsWith(Path.of("rabbitmq", "cluster.sh"));
	}

	@Test
	void aVhostOnTheClusterIsReachableThroughEveryNode() throws Exception {
		RabbitCluster cluster = TestInfrastructure.cluster();
		IsolatedVhost vhost = cluster.newVhost();
		try {
			assertThat(cluster.amqpUrl(vhost))
				.isEqualTo("amqp://guest:guest@127.0.0.1:5701,127.0.0.1:5702,127.0.0.1:5703/" + vhost.name());
			for (RabbitCluster.Node node : cluster.nodes()) {
				// Vhosts are cluster-wide: made on node 1, open on every node at once.
				try (Connection connection = connectionFactory(vhost, node).newConnection()) {
					assertThat(connection.isOpen()).as(node.name()).isTrue();
				}
			}
		}
		finally {
			TestInfrastructure.release(vhost);
		}
	}

	private static ConnectionFactory connectionFactory(IsolatedVhost vhost, RabbitCluster.Node node) {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		factory.setPort(node.amqpPort());
		factory.setUsername("guest");
		factory.setPassword("guest");
		factory.setVirtualHost(vhost.name());
		return factory;
	}

}
