package app.flashcastr.consumer.download;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.tracing.Tracer;

import app.flashcastr.simulators.feed.FeedSimulator;
import app.flashcastr.simulators.feed.FeedSimulatorSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ImageDownloaderTests {

	private static FeedSimulator feed;

	private static ImageDownloader downloader;

	private static String img;

	@BeforeAll
	static void start() {
		feed = FeedSimulator.start(FeedSimulatorSettings.defaults().withInitialFlashes(5).withWindowSize(5));
		downloader = downloader(feed.baseUri(), Map.of());
		img = feed.window().get(0).img();
	}

	@AfterAll
	static void stop() {
		feed.close();
	}

	@AfterEach
	void reset() {
		feed.imageFaults().reset();
	}

	@Test
	void downloadsTheImageAsServed() throws Exception {
		DownloadedImage image = downloader.download(img);

		assertThat(image.bytes()).isEqualTo(direct(img));
		assertThat(image.contentType()).isEqualTo("image/jpeg");
		assertThat(image.fileName()).isEqualTo(img.substring(img.lastIndexOf('/') + 1)).startsWith("img_");
		assertThat(image.toString()).doesNotContain("[B@").contains(image.fileName());
	}

	@Test
	void missingImageIsPermanentAndNotRetried() {
		feed.imageFaults().failWithStatus(404, 1);

		DownloadFailure failure = failure(img);

		assertThat(failure.reason()).isEqualTo(DownloadFailure.Reason.NOT_FOUND);
		assertThat(failure.permanent()).isTrue();
		assertThat(failure.status()).isEqualTo(404);
		assertThat(failure.reason().label()).isEqualTo("not_found");
		// A retry would have found the image: one request was made.
		assertThat(feed.imageFaults().mode()).isEqualTo("healthy");
	}

	@Test
	void goneAndUnknownImagesAreNotFound() {
		assertThat(failure("/media/queries/2026/01/01/img_missing.jpg").reason())
			.isEqualTo(DownloadFailure.Reason.NOT_FOUND);
		feed.imageFaults().failWithStatus(410);
		assertThat(failure(img).reason()).isEqualTo(DownloadFailure.Reason.NOT_FOUND);
	}

	@Test
	void htmlIsNotAnImage() {
		feed.imageFaults().notAnImage();

		DownloadFailure failure = failure(img);

		assertThat(failure.reason()).isEqualTo(DownloadFailure.Reason.NOT_AN_IMAGE);
		assertThat(failure.permanent()).isTrue();
		assertThat(failure.reason().label()).isEqualTo("not_an_image");
	}

	@Test
	void oversizedIsRefusedFromItsContentLength() {
		feed.imageFaults().oversized(11 * 1024 * 1024);

		DownloadFailure failure = failure(img);

		assertThat(failure.reason()).isEqualTo(DownloadFailure.Reason.TOO_LARGE);
		assertThat(failure.permanent()).isTrue();
		assertThat(failure.getMessage()).contains("Content-Length");
	}

	@Test
	void oversizedWithoutLengthIsRefusedWhileReading() {
		ImageDownloader small = downloader(feed.baseUri(), Map.of("download.max-size", "64KB"));
		feed.imageFaults().oversizedChunked(200_000);

		DownloadFailure failure = assertThatExceptionOfType(DownloadFailure.class).isThrownBy(() -> small.download(img))
			.actual();

		assertThat(failure.reason()).isEqualTo(DownloadFailure.Reason.TOO_LARGE);
		assertThat(failure.getMessage()).contains("no Content-Length");
		feed.imageFaults().reset();
		assertThat(small.download(img).bytes()).isNotEmpty();
	}

	@Test
	void serverErrorsAreRetried() {
		feed.imageFaults().failWithStatus(500, 2);

		assertThat(downloader.download(img).bytes()).isNotEmpty();
		assertThat(feed.imageFaults().mode()).isEqualTo("healthy");
	}

	@Test
	void persistentServerErrorIsTransientAfterTheAttempts() {
		feed.imageFaults().failWithStatus(503);

		DownloadFailure failure = failure(img);

		assertThat(failure.reason()).isEqualTo(DownloadFailure.Reason.TRANSIENT);
		assertThat(failure.permanent()).isFalse();
		assertThat(failure.status()).isEqualTo(503);
	}

	@Test
	void latencyBeyondTheReadTimeoutIsTransient() {
		feed.imageFaults().latency(Duration.ofSeconds(5));

		long started = System.nanoTime();
		DownloadFailure failure = failure(img);

		assertThat(failure.reason()).isEqualTo(DownloadFailure.Reason.TRANSIENT);
		assertThat(failure.status()).isZero();
		assertThat(failure.getMessage()).containsIgnoringCase("timeout");
		// Three attempts of 300 ms each plus tiny backoffs, far from the 5 s latency.
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
	}

	@Test
	void redirectsAreNotFollowed() {
		DownloadFailure failure = failure("/flashinvaders/flashes");

		assertThat(failure.reason()).isEqualTo(DownloadFailure.Reason.TRANSIENT);
		assertThat(failure.status()).isEqualTo(301);
		assertThat(failure.getMessage()).contains("not followed");
	}

	@Test
	void refusedConnectionIsTransient() {
		FeedSimulator closed = FeedSimulator.start(FeedSimulatorSettings.defaults().withInitialFlashes(1));
		URI gone = closed.baseUri();
		closed.close();

		DownloadFailure failure = assertThatExceptionOfType(DownloadFailure.class)
			.isThrownBy(() -> downloader(gone, Map.of()).download(img))
			.actual();

		assertThat(failure.reason()).isEqualTo(DownloadFailure.Reason.TRANSIENT);
		assertThat(failure.status()).isZero();
	}

	@Test
	void imgMustBeAPathOnTheFeedHost() {
		for (String bad : new String[] { "http://evil.example/x.jpg", "//evil.example/x.jpg", "@evil.example/x.jpg", "",
				"/bad path with spaces.jpg" }) {
			DownloadFailure failure = failure(bad);

			assertThat(failure.reason()).as(bad).isEqualTo(DownloadFailure.Reason.NOT_FOUND);
		}
		assertThat(failure(null).reason()).isEqualTo(DownloadFailure.Reason.NOT_FOUND);
	}

	@Test
	void baseUrlWithTrailingSlashWorks() {
		ImageDownloader slash = downloader(URI.create(feed.baseUri() + "/"), Map.of());

		assertThat(slash.download(img).bytes()).isNotEmpty();
	}

	private static DownloadFailure failure(String path) {
		return assertThatExceptionOfType(DownloadFailure.class).isThrownBy(() -> downloader.download(path)).actual();
	}

	static ImageDownloader downloader(URI baseUrl, Map<String, String> overrides) {
		Map<String, String> properties = new HashMap<>();
		properties.put("download.base-url", baseUrl.toString());
		properties.put("download.read-timeout", "300ms");
		properties.put("download.connect-timeout", "1s");
		properties.put("download.max-attempts", "3");
		properties.put("download.retry-base-delay", "5ms");
		properties.put("download.max-retry-delay", "20ms");
		properties.putAll(overrides);
		return new ImageDownloader(DownloadSettings.with(properties), Tracer.NOOP);
	}

	private static byte[] direct(String path) throws IOException, InterruptedException {
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http
				.send(HttpRequest.newBuilder(URI.create(feed.baseUri() + path)).build(),
						HttpResponse.BodyHandlers.ofByteArray())
				.body();
		}
	}

}
