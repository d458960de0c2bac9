package app.flashcastr.localinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

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

	/**
	 * Free ports are picked from here up: above RabbitMQ's distribution ports (AMQP port
	 * + 20000, 25672 and the local cluster's 25701–25703) and every fixed port the stack
	 * uses.
	 */
	private static final int PICKED_FROM = 26000;

	/** Linux's default first ephemeral port. */
	private static final int PICKED_BELOW = 32768;

	private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

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
	 * A port that is free on the loopback interface right now, below the kernel's
	 * ephemeral range when it can: processes started before the port is bound take the
	 * source ports of their outgoing connections from that range, and once took a port
	 * picked there before Prometheus could bind it. Never the same port twice in one JVM.
	 * @return the port number
	 */
	public static int freePort() {
		int high = Math.min(PICKED_BELOW, ephemeralLow());
		for (int attempt = 0; attempt < 100 && high > PICKED_FROM; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(PICKED_FROM, high);
			if (!handedOut.contains(port) && bindable(port) && handedOut.add(port)) {
				return port;
			}
		}
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
			socket.setReuseAddress(true);
			handedOut.add(socket.getLocalPort());
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on " + LOOPBACK, ex);
		}
	}

	private static boolean bindable(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(LOOPBACK, port), 1);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The first port of Linux's ephemeral range, or its default where it cannot be read.
	 */
	private static int ephemeralLow() {
		// Read as a stream: Files.readString trusts the size procfs reports and misreads
		// it.
		try (InputStream in = Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
			String range = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
			return Integer.parseInt(range.split("\\s+")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return PICKED_BELOW;
		}
	}

}
