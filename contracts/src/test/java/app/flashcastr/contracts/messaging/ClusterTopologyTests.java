package app.flashcastr.contracts.messaging;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory.AddressShuffleMode;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import app.flashcastr.contracts.connection.RabbitUrl;
import app.flashcastr.contracts.messaging.AmqpTopologyProperties.QueueType;
import app.flashcastr.testinfra.IsolatedVhost;
import app.flashcastr.testinfra.RabbitCluster;
import app.flashcastr.testinfra.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared topology on the local three-node cluster ({@code rabbitmq/cluster.sh
 * start}), reached through the services' cluster form of {@code RABBITMQ_URL}: each
 * quorum queue gets the replicas it asks for, capped by the cluster's size.
 */
class ClusterTopologyTests {

	private final RabbitCluster cluster = TestInfrastructure.cluster();

	private final IsolatedVhost vhost = this.cluster.newVhost();

	private final CachingConnectionFactory connectionFactory = new CachingConnectionFactory();

	@AfterEach
	void release() {
		this.connectionFactory.destroy();
		TestInfrastructure.release(this.vhost);
	}

	@Test
	void quorumQueuesGetThreeReplicasOnTheThreeNodes() {
		declare(3);
		for (String queue : List.of(FlashTopology.CONSUMER_QUEUE, FlashTopology.CASTING_QUEUE,
				FlashTopology.DEAD_LETTER_QUEUE)) {
			await(queue).atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(this.cluster.members(this.vhost.name(), queue)).containsExactlyInAnyOrder(
								"flashcastr1@localhost", "flashcastr2@localhost", "flashcastr3@localhost"));
			assertThat(this.cluster.leader(this.vhost.name(), queue)).isNotNull();
		}
	}

	@Test
	void moreReplicasThanNodesAreCappedByTheBroker() {
		declare(5);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(this.cluster.members(this.vhost.name(), FlashTopology.CONSUMER_QUEUE)).hasSize(3));
	}

	private void declare(int replicas) {
		RabbitUrl url = RabbitUrl.parse(this.cluster.amqpUrl(this.vhost));
		assertThat(url.addresses()).hasSize(3);
		this.connectionFactory.setAddresses(String.join(",",
				url.addresses().stream().map((address) -> address.replaceAll("^amqp://[^@]*@|/.*$", "")).toList()));
		this.connectionFactory.setAddressShuffleMode(AddressShuffleMode.RANDOM);
		this.connectionFactory.setUsername("guest");
		this.connectionFactory.setPassword("guest");
		this.connectionFactory.setVirtualHost(this.vhost.name());
		RabbitAdmin admin = new RabbitAdmin(this.connectionFactory);
		List<Declarable> topology = AmqpTopologyAutoConfiguration
			.topology(new AmqpTopologyProperties(QueueType.QUORUM, 5, 1000000, true, replicas));
		for (Declarable declarable : topology) {
			switch (declarable) {
				case org.springframework.amqp.core.Exchange exchange -> admin.declareExchange(exchange);
				case Queue queue -> {
					assertThat(queue.getArguments()).containsEntry("x-quorum-initial-group-size", replicas);
					admin.declareQueue(queue);
				}
				case org.springframework.amqp.core.Binding binding -> admin.declareBinding(binding);
				default -> throw new IllegalStateException("unexpected " + declarable);
			}
		}
	}

}
