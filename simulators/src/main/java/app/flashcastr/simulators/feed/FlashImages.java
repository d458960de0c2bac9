package app.flashcastr.simulators.feed;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.random.RandomGenerator;

import javax.imageio.ImageIO;

/**
 * The JPEG behind every flash's {@code img} path: a 64x64 space invader, one of
 * {@value #DESIGNS} designs drawn from the flash's seed (each encoded once), with the
 * path in a JPEG comment segment so every flash's bytes, and so its CID, are its own.
 * Serving an image is a copy, not an encode: the simulated feed host must stay far
 * cheaper than the consumer it feeds.
 */
final class FlashImages {

	private static final String TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

	private static final int SIZE = 64;

	private static final int GRID = 8;

	private static final int CELL = 6;

	private static final int DESIGNS = 512;

	static {
		// Drawing needs no display; without this a stray DISPLAY variable could make AWT
		// try to reach one.
		if (System.getProperty("java.awt.headless") == null) {
			System.setProperty("java.awt.headless", "true");
		}
	}

	private final Map<String, Long> seedsByPath = new ConcurrentHashMap<>();

	private final AtomicReferenceArray<byte[]> designs = new AtomicReferenceArray<>(DESIGNS);

	/**
	 * Registers a new image for a flash taken at {@code epochSecond} and returns its
	 * path, shaped like upstream's {@code /media/queries/2025/01/09/img_xQTRlhi.jpg}.
	 */
	String register(long epochSecond, RandomGenerator random) {
		ZonedDateTime day = Instant.ofEpochSecond(epochSecond).atZone(ZoneOffset.UTC);
		while (true) {
			StringBuilder token = new StringBuilder(7);
			for (int i = 0; i < 7; i++) {
				token.append(TOKEN_ALPHABET.charAt(random.nextInt(TOKEN_ALPHABET.length())));
			}
			String path = "/media/queries/%04d/%02d/%02d/img_%s.jpg".formatted(day.getYear(), day.getMonthValue(),
					day.getDayOfMonth(), token);
			long seed = random.nextLong();
			if (this.seedsByPath.putIfAbsent(path, seed) == null) {
				return path;
			}
		}
	}

	/** The JPEG bytes of a registered path, or empty for an unknown one. */
	Optional<byte[]> jpeg(String path) {
		Long seed = this.seedsByPath.get(path);
		if (seed == null) {
			return Optional.empty();
		}
		int design = (int) Math.floorMod(seed, (long) DESIGNS);
		byte[] jpeg = this.designs.get(design);
		if (jpeg == null) {
			// Two threads may draw the same design at once; both results are equal.
			jpeg = encode(draw(seed));
			this.designs.compareAndSet(design, null, jpeg);
		}
		return Optional.of(withComment(jpeg, path));
	}

	/** The JPEG with a comment segment (COM, 0xFFFE) holding the text right after SOI. */
	static byte[] withComment(byte[] jpeg, String text) {
		byte[] comment = text.getBytes(StandardCharsets.UTF_8);
		int length = comment.length + 2;
		byte[] out = new byte[jpeg.length + 2 + length];
		out[0] = jpeg[0];
		out[1] = jpeg[1];
		out[2] = (byte) 0xFF;
		out[3] = (byte) 0xFE;
		out[4] = (byte) (length >>> 8);
		out[5] = (byte) length;
		System.arraycopy(comment, 0, out, 6, comment.length);
		System.arraycopy(jpeg, 2, out, 6 + comment.length, jpeg.length - 2);
		return out;
	}

	private static BufferedImage draw(long seed) {
		SplittableRandom random = new SplittableRandom(Math.floorMod(seed, (long) DESIGNS));
		Color background = new Color(random.nextInt(40, 120), random.nextInt(40, 120), random.nextInt(40, 120));
		Color tile = Color.getHSBColor(random.nextFloat(), 0.8f, 1.0f);
		BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		try {
			graphics.setColor(background);
			graphics.fillRect(0, 0, SIZE, SIZE);
			graphics.setColor(tile);
			int margin = (SIZE - GRID * CELL) / 2;
			// Mirror the left half, as invaders are symmetric.
			for (int row = 0; row < GRID; row++) {
				for (int column = 0; column < GRID / 2; column++) {
					if (random.nextInt(100) < 55) {
						graphics.fillRect(margin + column * CELL, margin + row * CELL, CELL, CELL);
						graphics.fillRect(margin + (GRID - 1 - column) * CELL, margin + row * CELL, CELL, CELL);
					}
				}
			}
		}
		finally {
			graphics.dispose();
		}
		return image;
	}

	private static byte[] encode(BufferedImage image) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
		try {
			if (!ImageIO.write(image, "jpg", out)) {
				throw new IllegalStateException("No JPEG writer in this JDK");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
