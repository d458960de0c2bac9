package app.flashcastr.simulators.http;

import java.io.IOException;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;

/**
 * Creates the simulators' HTTP servers. The JDK server closes, right after answering,
 * every kept-alive connection beyond 200 idle ones, without telling the client
 * ({@code sun.net.httpserver.maxIdleConnections}); with a consumer holding up to a
 * thousand connections, clients then keep finding dead connections in their pools, which
 * a CDN in front of the real hosts does not do. The cap is raised here, once, unless set
 * on the command line.
 */
public final class Listeners {

	/** Pending connections a server queues before refusing. */
	public static final int BACKLOG = 1024;

	static {
		if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
			System.setProperty("sun.net.httpserver.maxIdleConnections", "4096");
		}
	}

	private Listeners() {
	}

	/** An unstarted server on the address. */
	public static HttpServer create(InetSocketAddress address) throws IOException {
		return HttpServer.create(address, BACKLOG);
	}

}
