package app.flashcastr.simulators.feed;

import java.util.Map;

import app.flashcastr.simulators.http.FaultSwitch;
import app.flashcastr.simulators.http.HttpFault;

/**
 * Runtime fault switches of the flash images (every path under {@code /media/}), apart
 * from the feed's own ({@link FeedFaults}). One fault is active at a time: setting one
 * replaces the previous one, and requests held by {@link #latency(java.time.Duration)}
 * are released by the next switch, {@link #reset()} or {@link FeedSimulator#close()}.
 * Admin modes: {@code healthy}, {@code status}, {@code latency}, {@code not_an_image} and
 * {@code oversized}.
 */
public final class ImageFaults extends FaultSwitch {

	/** Largest body {@link #oversized(int)} serves. */
	static final int MAX_OVERSIZED = 256 * 1024 * 1024;

	ImageFaults() {
		super("Image");
	}

	/**
	 * Answer 200 {@code text/html} (an HTML page where the image should be, as a CDN's
	 * error or login page).
	 */
	public void notAnImage() {
		set(new Fault.NotAnImage(), UNLIMITED);
	}

	/**
	 * Answer 200 {@code image/jpeg} with a body of this size and its
	 * {@code Content-Length}.
	 * @param bytes body size, 1..256 MiB
	 */
	public void oversized(int bytes) {
		set(new Fault.Oversized(checkSize(bytes), false), UNLIMITED);
	}

	/**
	 * Answer 200 {@code image/jpeg} with a body of this size sent chunked, without
	 * {@code Content-Length}, so only a client that counts while reading notices.
	 * @param bytes body size, 1..256 MiB
	 */
	public void oversizedChunked(int bytes) {
		set(new Fault.Oversized(checkSize(bytes), true), UNLIMITED);
	}

	private static int checkSize(int bytes) {
		if (bytes < 1 || bytes > MAX_OVERSIZED) {
			throw new IllegalArgumentException("bytes must be within 1.." + MAX_OVERSIZED + ", got " + bytes);
		}
		return bytes;
	}

	/** The images' own faults, besides the shared {@link HttpFault}s. */
	sealed interface Fault extends HttpFault {

		record NotAnImage() implements Fault {

			@Override
			public String mode() {
				return "not_an_image";
			}

		}

		record Oversized(int bytes, boolean chunked) implements Fault {

			@Override
			public String mode() {
				return "oversized";
			}

			@Override
			public Map<String, Object> parameters() {
				return Map.of("bytes", this.bytes, "chunked", this.chunked);
			}

		}

	}

}
