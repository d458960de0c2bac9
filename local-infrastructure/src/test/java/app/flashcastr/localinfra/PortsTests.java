package app.flashcastr.localinfra;

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
	void nothingListeningIsALoginProblemNotAnException() {
		assertThat(AmqpProbe.loginProblem(Ports.LOOPBACK, Ports.freePort(), "guest", "guest", "/", "probe-test"))
			.isNotNull();
	}

}
