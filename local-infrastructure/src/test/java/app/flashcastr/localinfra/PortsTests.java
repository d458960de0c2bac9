package app.flashcastr.localinfra;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

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
	void freePortsComeFromBelowTheEphemeralRangeAndNeverTwice() throws Exception {
		Set<Integer> ports = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			int port = Ports.freePort();
			assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
			// Linux's default ephemeral range starts at 32768.
			assertThat(port).isGreaterThanOrEqualTo(26000).isLessThan(32768);
		}
	}

	@Test
	void nothingListeningIsALoginProblemNotAnException() {
		assertThat(AmqpProbe.loginProblem(Ports.LOOPBACK, Ports.freePort(), "guest", "guest", "/", "probe-test"))
			.isNotNull();
	}

}
