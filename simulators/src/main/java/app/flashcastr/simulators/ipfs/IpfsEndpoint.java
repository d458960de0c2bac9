package app.flashcastr.simulators.ipfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.LockSupport;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import app.flashcastr.simulators.http.Listeners;

/**
 * The listening socket of one API. An outage closes it (connections refused); listening
 * again binds the same port, so clients configured with the URI find the API back.
 */
final class IpfsEndpoint implements IpfsFaults.Listener {

	/** A port just released can stay busy for a moment (sockets still closing). */
	private static final int BIND_ATTEMPTS = 50;

	private final String api;

	private final InetAddress bindAddress;

	private final ExecutorService executor;

	private HttpHandler handler;

	private HttpServer server;

	private int port;

	private boolean closed;

	IpfsEndpoint(String api, InetAddress bindAddress, int port, ExecutorService executor) {
		this.api = api;
		this.bindAddress = bindAddress;
		this.port = port;
		this.executor = executor;
	}

	/** Starts listening the first time; the port is fixed from then on. */
	synchronized void start(HttpHandler handler) {
		this.handler = handler;
		bind();
		this.port = this.server.getAddress().getPort();
	}

	@Override
	public synchronized void listen() {
		if (!this.closed && this.server == null) {
			bind();
		}
	}

	@Override
	public synchronized void stopListening() {
		if (this.server != null) {
			// Stops accepting and closes every open connection, held ones included.
			this.server.stop(0);
			this.server = null;
		}
	}

	synchronized void close() {
		this.closed = true;
		stopListening();
	}

	synchronized boolean listening() {
		return this.server != null;
	}

	URI uri() {
		InetAddress host = this.bindAddress.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : this.bindAddress;
		String literal = (host instanceof Inet6Address) ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
		return URI.create("http://" + literal + ":" + this.port);
	}

	private void bind() {
		InetSocketAddress address = new InetSocketAddress(this.bindAddress, this.port);
		for (int attempt = 1;; attempt++) {
			try {
				HttpServer created = Listeners.create(address);
				created.createContext("/", this.handler);
				created.setExecutor(this.executor);
				created.start();
				this.server = created;
				return;
			}
			catch (BindException ex) {
				if (this.port == 0 || attempt >= BIND_ATTEMPTS) {
					throw new UncheckedIOException("IPFS " + this.api + " simulator cannot listen on "
							+ this.bindAddress.getHostAddress() + ":" + this.port, ex);
				}
				LockSupport.parkNanos(20_000_000L);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("IPFS " + this.api + " simulator cannot listen on "
						+ this.bindAddress.getHostAddress() + ":" + this.port, ex);
			}
		}
	}

}
