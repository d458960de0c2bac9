package app.flashcastr.devstack.infra;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PortsTests {

	@Test
	void answersOnlyWhileSomethingListens() throws Exception {
		int port;
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
			port = server.getLocalPort();
			assertThat(Ports.answers(Ports.LOOPBACK, port)).isTrue();
		}
		assertThat(Ports.answers(Ports.LOOPBACK, port)).isFalse();
	}

	@Test
	void freePortCanBeBound() throws Exception {
		int port = Ports.freePort();

		try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getByName(Ports.LOOPBACK))) {
			assertThat(server.getLocalPort()).isEqualTo(port);
		}
	}

	@Test
	void passwordsAreMaskedForDisplay() {
		assertThat(Urls.withoutPassword("postgresql://ci:s3cret@db:5432/flashcastr"))
			.isEqualTo("postgresql://ci:****@db:5432/flashcastr");
		assertThat(Urls.withoutPassword("postgresql://postgres@127.0.0.1:5432/flashcastr"))
			.isEqualTo("postgresql://postgres@127.0.0.1:5432/flashcastr");
		assertThat(Urls.withoutPassword("amqp://127.0.0.1:5672")).isEqualTo("amqp://127.0.0.1:5672");
		assertThat(new BrokerEndpoint("amqp://u:p@mq:5672", "mq", 5672, InfraOrigin.ENVIRONMENT, null).displayUrl())
			.isEqualTo("amqp://u:****@mq:5672");
	}

}
