package app.flashcastr.consumer.pin;

import io.micrometer.tracing.Tracer;
import tools.jackson.databind.JsonNode;

import app.flashcastr.consumer.download.DownloadedImage;

/**
 * A Kubo node's RPC {@code POST /api/v0/add?pin=true&cid-version=0}: multipart
 * {@code file}, answered with {@code {"Name","Hash","Size"}} ({@code Size} a string).
 * Kubo's RPC has no auth of its own: keep it on a private network.
 */
class KuboPinner extends HttpPinner {

	static final String PATH = "/api/v0/add?pin=true&cid-version=0";

	KuboPinner(IpfsProperties ipfs, Tracer tracer) {
		super("kubo", endpoint(ipfs.kuboUrl(), PATH), ipfs.timeout(), tracer);
	}

	@Override
	PinnedImage parse(JsonNode answer, DownloadedImage image) {
		long size;
		try {
			size = Long.parseLong(answer.path("Size").asString(""));
		}
		catch (NumberFormatException ex) {
			size = image.bytes().length;
		}
		return new PinnedImage(answer.path("Hash").asString(null), size);
	}

}
