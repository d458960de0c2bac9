package app.flashcastr.testinfra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Cheap TCP checks, so a missing local service costs milliseconds, not a driver timeout.
 */
final class Probes {

	private static final int CONNECT_TIMEOUT_MILLIS = 500;

	private Probes() {
	}

	static boolean answers(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
