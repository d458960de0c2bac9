package app.flashcastr.bench.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for Tempo's OTLP/HTTP receiver: accepts {@code POST /v1/traces}, reads and
 * drops the body, answers 200. Enough for a service to pay the full cost of exporting
 * every span, without a tracing backend on the machine.
 */
public final class OtlpSink implements AutoCloseable {

	private final HttpServer server;

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong bytes = new AtomicLong();

	public OtlpSink() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
		this.server.createContext("/v1/traces", (exchange) -> {
			try (InputStream in = exchange.getRequestBody()) {
				this.bytes.addAndGet(in.transferTo(java.io.OutputStream.nullOutputStream()));
			}
			this.requests.incrementAndGet();
			// An empty protobuf ExportTraceServiceResponse is zero bytes.
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.start();
	}

	/** For {@code TEMPO_HTTP_ENDPOINT}. */
	public String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	/** Export requests received so far. */
	public long requests() {
		return this.requests.get();
	}

	/** Bytes of spans received so far. */
	public long bytes() {
		return this.bytes.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
