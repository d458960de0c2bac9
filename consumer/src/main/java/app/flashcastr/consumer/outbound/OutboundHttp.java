package app.flashcastr.consumer.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;

import javax.net.ssl.SSLSocket;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.bootstrap.HttpRequester;
import org.apache.hc.core5.http.impl.bootstrap.RequesterBootstrap;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnectionFactory;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.http.protocol.HttpProcessorBuilder;
import org.apache.hc.core5.http.protocol.RequestConnControl;
import org.apache.hc.core5.http.protocol.RequestContent;
import org.apache.hc.core5.http.protocol.RequestTargetHost;
import org.apache.hc.core5.http.protocol.RequestUserAgent;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * The consumer's calls out (image downloads, IPFS uploads): blocking HTTP/1.1 over a
 * keep-alive pool with Apache HttpCore 5's classic requester, no redirects, no cookies,
 * no retries but of a request that met a connection the server had closed (the callers
 * retry by their own rules), and one client span per call in the flash's trace.
 *
 * <p>
 * Called from virtual threads, so a blocking read parks only the virtual thread. Neither
 * {@code RestClient} nor HttpClient 5's execution chain: in the pipeline profile they
 * cost more CPU than the HTTP exchange itself (observation, header copying, route and
 * auth bookkeeping), twice per flash; the span here keeps what an operator reads in the
 * trace. TLS verifies the server's certificate and host name.
 */
public final class OutboundHttp implements AutoCloseable {

	/**
	 * Keep-alive connections per peer: the default flashes in flight (8 listeners x 64);
	 * more wait for one.
	 */
	private static final int MAX_CONNECTIONS = 512;

	/**
	 * Each connection's read and write buffer, for the status line and headers: bodies
	 * larger than 512 bytes bypass it. HttpCore's 8 KiB default made the ~900 pooled
	 * connections of a busy pipeline hold 14 MiB of the heap (docs/benchmarks.md).
	 */
	private static final int CONNECTION_BUFFER = 2048;

	/** Idle keep-alive connections are closed after this, before servers drop them. */
	private static final TimeValue IDLE = TimeValue.ofSeconds(10);

	private final HttpRequester requester;

	private final Timeout connectTimeout;

	private final Tracer tracer;

	private final String peer;

	private final Thread idleEvictor;

	/**
	 * @param peer what is called, as the spans' remote service ({@code feed},
	 * {@code kubo}, …)
	 * @param connectTimeout time to open a connection (and its TLS handshake), or to wait
	 * for one from the pool
	 * @param readTimeout longest wait for the answer, or between two reads of it
	 * @param tracer where the client spans go ({@link Tracer#NOOP} for none)
	 */
	public OutboundHttp(String peer, Duration connectTimeout, Duration readTimeout, Tracer tracer) {
		this.connectTimeout = Timeout.of(connectTimeout);
		int readMillis = Timeout.of(readTimeout).toMillisecondsIntBound();
		DefaultBHttpClientConnectionFactory connections = DefaultBHttpClientConnectionFactory.builder()
			.http1Config(Http1Config.custom().setBufferSize(CONNECTION_BUFFER).build())
			.build();
		this.requester = RequesterBootstrap.bootstrap()
			// The socket timeout bounds connect and handshake; each new connection then
			// reads with the read timeout.
			.setSocketConfig(SocketConfig.custom()
				.setSoTimeout(this.connectTimeout)
				.setTcpNoDelay(true)
				.setSoKeepAlive(true)
				.build())
			.setConnectionFactory(new HttpConnectionFactory<>() {

				@Override
				public DefaultBHttpClientConnection createConnection(Socket socket) throws IOException {
					socket.setSoTimeout(readMillis);
					return connections.createConnection(socket);
				}

				@Override
				public DefaultBHttpClientConnection createConnection(SSLSocket sslSocket, Socket socket)
						throws IOException {
					sslSocket.setSoTimeout(readMillis);
					return connections.createConnection(sslSocket, socket);
				}

			})
			.setHttpProcessor(HttpProcessorBuilder.create()
				.addAll(new RequestContent(), new RequestTargetHost(), new RequestConnControl(),
						new RequestUserAgent("invaders-consumer"))
				.build())
			.setSslContext(SSLContexts.createSystemDefault())
			.setSslSetupHandler((parameters) -> parameters.setEndpointIdentificationAlgorithm("HTTPS"))
			.setMaxTotal(MAX_CONNECTIONS)
			.setDefaultMaxPerRoute(MAX_CONNECTIONS)
			// Leases without one pool-wide lock: strict per-route limits matter not here.
			.setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
			.create();
		this.tracer = tracer;
		this.peer = peer;
		this.idleEvictor = Thread.ofVirtual().name("outbound-idle-" + peer).start(this::evictIdle);
	}

	/**
	 * Sends one request and hands the answer to {@code reader}; the connection goes back
	 * to the pool once the reader returns (the reader reads what it needs).
	 * @param method {@code GET} or {@code POST}
	 * @param uri the target
	 * @param headers request headers
	 * @param body the request body, or null
	 * @param reader turns the answer into the result, or throws
	 * @param <T> the result
	 * @return what the reader returned
	 * @throws Unreachable when no answer came: refused, timed out, cut off
	 */
	public <T> T exchange(String method, URI uri, HttpHeaders headers, Body body, AnswerReader<T> reader) {
		HttpHost target = HttpHost.create(uri);
		String path = (uri.getRawQuery() != null) ? uri.getRawPath() + "?" + uri.getRawQuery() : uri.getRawPath();
		Span span = this.tracer.spanBuilder()
			.kind(Span.Kind.CLIENT)
			.name(method + " " + this.peer)
			.remoteServiceName(this.peer)
			.tag("http.request.method", method)
			.tag("server.address", String.valueOf(uri.getHost()))
			.tag("url.path", String.valueOf(uri.getRawPath()))
			.start();
		try {
			return send(target, method, path, headers, body, reader, span);
		}
		catch (IOException | HttpException ex) {
			span.error(ex);
			throw new Unreachable(ex);
		}
		catch (RuntimeException ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

	/**
	 * Sends the request, once more at once when a kept-alive connection turned out to be
	 * closed by the server before it answered: the server never saw the request, so even
	 * a POST (a pin of the same bytes is idempotent anyway) is safe to send again.
	 */
	private <T> T send(HttpHost target, String method, String path, HttpHeaders headers, Body body,
			AnswerReader<T> reader, Span span) throws IOException, HttpException {
		for (int attempt = 1;; attempt++) {
			BasicClassicHttpRequest request = new BasicClassicHttpRequest(method, target, path);
			headers.forEach((name, values) -> values.forEach((value) -> request.addHeader(name, value)));
			if (body != null) {
				request.setEntity(body.entity());
			}
			try {
				return this.requester.execute(target, request, this.connectTimeout, HttpCoreContext.create(),
						(response) -> {
							span.tag("http.response.status_code", response.getCode());
							try (Answer answer = new Answer(response)) {
								return reader.read(answer);
							}
						});
			}
			catch (NoHttpResponseException | ConnectionClosedException | SocketException ex) {
				if (attempt > 1) {
					throw ex;
				}
				// The server dropped its connections (restart, idle cut): the other idle
				// ones are dead too, so the second try opens a fresh one.
				this.requester.closeIdle(TimeValue.ZERO_MILLISECONDS);
			}
		}
	}

	private void evictIdle() {
		try {
			while (!Thread.currentThread().isInterrupted()) {
				Thread.sleep(IDLE.toMilliseconds() / 2);
				this.requester.closeIdle(IDLE);
			}
		}
		catch (InterruptedException ex) {
			// Closing.
		}
	}

	@Override
	public void close() throws IOException {
		this.idleEvictor.interrupt();
		this.requester.close(CloseMode.GRACEFUL);
	}

	/** Reads an answer; may throw the caller's own failure types. */
	@FunctionalInterface
	public interface AnswerReader<T> {

		T read(ClientHttpResponse answer) throws IOException;

	}

	/**
	 * A request body written in parts (multipart head, file, tail) without joining them.
	 *
	 * @param contentType the body's {@code Content-Type}
	 * @param parts written in order
	 */
	public record Body(String contentType, byte[]... parts) {

		HttpEntity entity() {
			long length = 0;
			for (byte[] part : this.parts) {
				length += part.length;
			}
			long total = length;
			return new AbstractHttpEntity(ContentType.parse(this.contentType), null) {

				@Override
				public InputStream getContent() {
					throw new UnsupportedOperationException("written, not read");
				}

				@Override
				public void writeTo(OutputStream out) throws IOException {
					for (byte[] part : Body.this.parts) {
						out.write(part);
					}
				}

				@Override
				public boolean isStreaming() {
					return false;
				}

				@Override
				public long getContentLength() {
					return total;
				}

				@Override
				public boolean isRepeatable() {
					return true;
				}

				@Override
				public void close() {
				}

			};
		}

	}

	/** No usable answer came: refused, timed out, cut off, not HTTP. */
	public static final class Unreachable extends RuntimeException {

		Unreachable(Exception cause) {
			super(cause.getMessage(), cause);
		}

	}

	/**
	 * An HttpClient 5 answer seen as Spring's, so readers use Spring's header helpers.
	 */
	private static final class Answer implements ClientHttpResponse {

		private final ClassicHttpResponse response;

		private HttpHeaders headers;

		Answer(ClassicHttpResponse response) {
			this.response = response;
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatusCode.valueOf(this.response.getCode());
		}

		@Override
		public String getStatusText() {
			String reason = this.response.getReasonPhrase();
			return (reason != null) ? reason : "";
		}

		@Override
		public HttpHeaders getHeaders() {
			if (this.headers == null) {
				HttpHeaders copy = new HttpHeaders();
				for (Header header : this.response.getHeaders()) {
					copy.add(header.getName(), header.getValue());
				}
				HttpEntity entity = this.response.getEntity();
				if (entity != null && entity.getContentType() != null
						&& !copy.containsHeader(HttpHeaders.CONTENT_TYPE)) {
					copy.add(HttpHeaders.CONTENT_TYPE, entity.getContentType());
				}
				this.headers = copy;
			}
			return this.headers;
		}

		@Override
		public InputStream getBody() throws IOException {
			HttpEntity entity = this.response.getEntity();
			return (entity != null) ? entity.getContent() : InputStream.nullInputStream();
		}

		@Override
		public void close() {
			// The client releases the connection after the handler returns.
		}

	}

}
