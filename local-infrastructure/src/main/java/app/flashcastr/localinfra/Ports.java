package app.flashcastr.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Port checks: is something listening (a missing local service then costs milliseconds,
 * not a driver timeout), and which port is free.
 */
public final class Ports {

	/**
	 * Everything the devstack starts and the local services tests use are on the loopback
	 * interface.
	 */
	public static final String LOOPBACK = "127.0.0.1";

	private static final int CONNECT_TIMEOUT_MILLIS = 500;

	private Ports() {
	}

	/**
	 * Whether something accepts TCP connections on {@code host:port}.
	 * @param host host to probe
	 * @param port port to probe
	 * @return {@code true} if a connection was accepted within half a second
	 */
	public static boolean answers(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * A port that is free on the loopback interface right now.
	 * @return the port number
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on " + LOOPBACK, ex);
		}
	}

}
