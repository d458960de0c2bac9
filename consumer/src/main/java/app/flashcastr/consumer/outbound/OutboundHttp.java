package app.flashcastr.consumer.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.Timeout;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * The consumer's calls out (image downloads, IPFS uploads): Apache HttpClient 5, blocking
 * HTTP/1.1 with a keep-alive pool, redirects and cookies off, no retries but of a request
 * that met a connection the server had closed (the callers retry by their own rules), and
 * one client span per call in the flash's trace.
 *
 * <p>
 * Called from virtual threads, so a blocking read parks only the virtual thread. Not
 * through {@code RestClient}: the pipeline profile showed its per-call observation,
 * header copying and conventions costing more CPU than the HTTP exchange itself, twice
 * per flash; the span here keeps what an operator reads in the trace.
 */
public final class OutboundHttp implements AutoCloseable {

	/** Keep-alive connections per peer: above any listener concurrency we configure. */
	private static final int MAX_CONNECTIONS = 512;

	/** Idle keep-alive connections are closed after this, before servers drop them. */
	private static final TimeValue IDLE = TimeValue.ofSeconds(10);

	private final CloseableHttpClient client;

	private final Tracer tracer;

	private final String peer;

	/**
	 * @param peer what is called, as the spans' remote service ({@code feed},
	 * {@code kubo}, …)
	 * @param connectTimeout time to open a connection
	 * @param readTimeout longest wait for a connection from the pool, for the answer, or
	 * between two reads of it
	 * @param tracer where the client spans go ({@link Tracer#NOOP} for none)
	 */
	public OutboundHttp(String peer, Duration connectTimeout, Duration readTimeout, Tracer tracer) {
		PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(MAX_CONNECTIONS)
			.setMaxConnPerRoute(MAX_CONNECTIONS)
			// Leases without one pool-wide lock: strict per-route limits matter not here.
			.setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(Timeout.of(connectTimeout))
				.setSocketTimeout(Timeout.of(readTimeout))
				// A kept-alive connection the server closed is found before use, not
				// as a failed call.
				.setValidateAfterInactivity(TimeValue.ofSeconds(1))
				.build())
			.build();
		this.client = HttpClients.custom()
			.setConnectionManager(pool)
			.setDefaultRequestConfig(RequestConfig.custom()
				.setConnectionRequestTimeout(Timeout.of(readTimeout))
				.setResponseTimeout(Timeout.of(readTimeout))
				.build())
			.disableRedirectHandling()
			.setRetryStrategy(new StaleConnectionRetry(pool))
			.disableCookieManagement()
			.disableAuthCaching()
			.disableContentCompression()
			.evictIdleConnections(IDLE)
			.build();
		this.tracer = tracer;
		this.peer = peer;
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
		HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
		headers.forEach((name, values) -> values.forEach((value) -> request.addHeader(name, value)));
		if (body != null) {
			request.setEntity(body.entity());
		}
		Span span = this.tracer.spanBuilder()
			.kind(Span.Kind.CLIENT)
			.name(method + " " + this.peer)
			.remoteServiceName(this.peer)
			.tag("http.request.method", method)
			.tag("server.address", String.valueOf(uri.getHost()))
			.tag("url.path", String.valueOf(uri.getRawPath()))
			.start();
		try {
			return this.client.execute(request, (response) -> {
				span.tag("http.response.status_code", response.getCode());
				try (Answer answer = new Answer(response)) {
					return reader.read(answer);
				}
			});
		}
		catch (IOException ex) {
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

	@Override
	public void close() throws IOException {
		this.client.close();
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

	/**
	 * Sends a request once more, at once, only when a kept-alive connection turned out to
	 * be closed by the server before it answered: the server never saw the request, so
	 * even a POST (a pin of the same bytes is idempotent anyway) is safe to send again.
	 * Everything else is the callers' retry policy.
	 */
	private static final class StaleConnectionRetry implements HttpRequestRetryStrategy {

		private final PoolingHttpClientConnectionManager pool;

		StaleConnectionRetry(PoolingHttpClientConnectionManager pool) {
			this.pool = pool;
		}

		@Override
		public boolean retryRequest(HttpRequest request, IOException failure, int execCount, HttpContext context) {
			boolean stale = failure instanceof NoHttpResponseException || failure instanceof ConnectionClosedException
					|| failure instanceof SocketException;
			if (stale && execCount <= 1) {
				// The server dropped its connections (restart, idle cut): the other idle
				// ones are dead too, so the retry opens a fresh one.
				this.pool.closeIdle(TimeValue.ZERO_MILLISECONDS);
				return true;
			}
			return false;
		}

		@Override
		public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
			return false;
		}

		@Override
		public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
			return TimeValue.ZERO_MILLISECONDS;
		}

	}

	/** No answer came: refused, timed out, cut off. */
	public static final class Unreachable extends RuntimeException {

		Unreachable(IOException cause) {
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
