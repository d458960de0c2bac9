package app.flashcastr.simulators.feed;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FeedImagesTests {

	private static FeedSimulator simulator;

	private static FeedClient client;

	@BeforeAll
	static void start() {
		simulator = FeedSimulator.start(FeedSimulatorSettings.defaults().withInitialFlashes(20).withWindowSize(20));
		client = new FeedClient(simulator.baseUri());
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@Test
	void everyImgServesAJpeg() throws IOException {
		for (SimulatedFlash flash : simulator.window().subList(0, 5)) {
			HttpResponse<byte[]> response = client.get(flash.img());

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jpeg");
			BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
			assertThat(image).isNotNull();
			assertThat(image.getWidth()).isEqualTo(64);
			assertThat(image.getHeight()).isEqualTo(64);
		}
	}

	@Test
	void sameImgGivesTheSameBytesAndFlashesDiffer() {
		String first = simulator.window().get(0).img();
		String second = simulator.window().get(1).img();

		assertThat(client.get(first).body()).isEqualTo(client.get(first).body());
		assertThat(client.get(first).body()).isNotEqualTo(client.get(second).body());
	}

	@Test
	void newFlashesHaveImagesToo() {
		SimulatedFlash flash = simulator.emitFlash("IMAGE_TESTER", "Tokyo", false);

		assertThat(client.get(flash.img()).statusCode()).isEqualTo(200);
	}

	@Test
	void unknownImageIsNotFound() {
		assertThat(client.get("/media/queries/2026/11/22/img_unknown.jpg").statusCode()).isEqualTo(404);
	}

}
