package app.flashcastr.consumer.pin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import io.micrometer.tracing.Tracer;

import app.flashcastr.consumer.download.DownloadedImage;
import app.flashcastr.simulators.ipfs.IpfsSimulator;
import app.flashcastr.simulators.ipfs.IpfsSimulatorSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KuboPinnerTests {

	private static IpfsSimulator ipfs;

	private static KuboPinner pinner;

	@BeforeAll
	static void start() {
		ipfs = IpfsSimulator.start(IpfsSimulatorSettings.defaults());
		pinner = new KuboPinner(PinSettings.with(Map.of("ipfs.kubo-url", ipfs.kuboUri() + "/", "ipfs.timeout", "2s")),
				Tracer.NOOP);
	}

	@AfterAll
	static void stop() {
		ipfs.close();
	}

	@AfterEach
	void reset() {
		ipfs.kuboFaults().reset();
	}

	@Test
	void pinsAndReturnsTheContentCid() {
		DownloadedImage image = new DownloadedImage(bytes("kubo ok"), "image/jpeg", "img_kubo.jpg");

		PinnedImage pinned = pinner.pin(image);

		assertThat(pinned.cid()).isEqualTo(IpfsSimulator.cidOf(image.bytes()));
		assertThat(pinned.size()).isEqualTo(image.bytes().length);
		assertThat(ipfs.pinsOf(pinned.cid())).isEqualTo(1);
		assertThat(pinner.provider()).isEqualTo("kubo");
	}

	@Test
	void unavailableIsNotPermanentAndKeepsRetryAfter() {
		ipfs.kuboFaults().rateLimit(Duration.ofSeconds(2), 1);

		PinFailure limited = assertThatExceptionOfType(PinFailure.class)
			.isThrownBy(() -> pinner.pin(new DownloadedImage(bytes("x"), "image/jpeg", "x.jpg")))
			.actual();

		limited.printStackTrace(System.out);
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(2));
		ipfs.kuboFaults().failWithStatus(503, 1);
		PinFailure unavailable = assertThatExceptionOfType(PinFailure.class)
			.isThrownBy(() -> pinner.pin(new DownloadedImage(bytes("x"), "image/jpeg", "x.jpg")))
			.actual();
		assertThat(unavailable.permanent()).isFalse();
		assertThat(unavailable.getMessage()).contains("kubo answered 503");
	}

	@Test
	void outageIsStatusZero() {
		ipfs.kuboFaults().outage();

		PinFailure failure = assertThatExceptionOfType(PinFailure.class)
			.isThrownBy(() -> pinner.pin(new DownloadedImage(bytes("down"), "image/jpeg", "d.jpg")))
			.actual();

		assertThat(failure.status()).isZero();
		assertThat(failure.permanent()).isFalse();
	}

	@Test
	void manyConcurrentPinsOnVirtualThreads() throws Exception {
		int calls = 2_000;
		int before = ipfs.successfulPins();
		byte[] payload = new byte[8 * 1024];
		long started = System.nanoTime();
		List<Future<PinnedImage>> results = new ArrayList<>(calls);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			java.util.concurrent.Semaphore concurrency = new java.util.concurrent.Semaphore(64);
			for (int i = 0; i < calls; i++) {
				byte[] content = payload.clone();
				content[0] = (byte) i;
				content[1] = (byte) (i >> 8);
				results.add(threads.submit(() -> {
					concurrency.acquire();
					try {
						return pinner.pin(new DownloadedImage(content, "image/jpeg", "c.jpg"));
					}
					finally {
						concurrency.release();
					}
				}));
			}
		}
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		for (Future<PinnedImage> result : results) {
			assertThat(result.get().cid()).startsWith("Qm");
		}
		assertThat(results.stream().map((result) -> result.resultNow().cid()).distinct()).hasSize(calls);
		assertThat(ipfs.successfulPins()).isEqualTo(before + calls);
		LoggerFactory.getLogger(KuboPinnerTests.class)
			.info("{} pins of 8 KiB, 64 at a time: {} ms, {} pins/s (client and simulator in one JVM)", calls,
					took.toMillis(), calls * 1000L / Math.max(1, took.toMillis()));
	}

	private static byte[] bytes(String content) {
		return content.getBytes(StandardCharsets.UTF_8);
	}

}
