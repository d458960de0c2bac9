package app.flashcastr.consumer.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Random;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OutboundHttp}'s connections keep 2 KiB buffers: answers and requests larger than
 * that, head or body, still pass whole, on fresh and on kept-alive connections.
 */
class OutboundHttpTests {

	private HttpServer server;

	private OutboundHttp http;

	private final byte[] image = randomBytes(256 * 1024);

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/image", (exchange) -> {
			for (int i = 0; i < 30; i++) {
				exchange.getResponseHeaders().add("X-Long-" + i, "v".repeat(200));
			}
			exchange.sendResponseHeaders(200, this.image.length);
			exchange.getResponseBody().write(this.image);
			exchange.close();
		});
		this.server.createContext("/echo", (exchange) -> {
			byte[] received = exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(200, received.length);
			exchange.getResponseBody().write(received);
			exchange.close();
		});
		this.server.start();
		this.http = new OutboundHttp("test", Duration.ofSeconds(2), Duration.ofSeconds(5), Tracer.NOOP);
	}

	@AfterEach
	void stop() throws IOException {
		this.http.close();
		this.server.stop(0);
	}

	@Test
	void answerWithAHeadAndABodyLargerThanTheBufferIsReadWhole() {
		URI uri = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/image");
		for (int call = 1; call <= 3; call++) {
			Answer answer = this.http.exchange("GET", uri, new HttpHeaders(), null,
					(response) -> new Answer(response.getHeaders(), readAll(response.getBody())));
			assertThat(answer.headers().getFirst("X-Long-29")).isEqualTo("v".repeat(200));
			assertThat(answer.headers().getFirst("X-Long-0")).hasSize(200);
			assertThat(answer.body()).isEqualTo(this.image);
		}
	}

	@Test
	void requestBodiesSmallerAndLargerThanTheBufferArriveWhole() {
		URI uri = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/echo");
		byte[] head = randomBytes(1500);
		byte[] large = randomBytes(100 * 1024);
		byte[] tail = randomBytes(10);
		for (byte[][] parts : new byte[][][] { { head }, { head, large, tail }, { tail, head, tail } }) {
			byte[] sent = concat(parts);
			byte[] echoed = this.http.exchange("POST", uri, new HttpHeaders(),
					new OutboundHttp.Body("application/octet-stream", parts),
					(response) -> readAll(response.getBody()));
			assertThat(echoed).isEqualTo(sent);
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		try (in) {
			return in.readAllBytes();
		}
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] all = new byte[length];
		int at = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, all, at, part.length);
			at += part.length;
		}
		return all;
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		new Random(length).nextBytes(bytes);
		return bytes;
	}

	private record Answer(HttpHeaders headers, byte[] body) {

	}

}
