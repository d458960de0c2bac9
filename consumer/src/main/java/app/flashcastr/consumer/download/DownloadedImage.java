package app.flashcastr.consumer.download;

/**
 * A downloaded flash image.
 *
 * @param bytes the image as served (not copied again downstream)
 * @param contentType its {@code image/*} media type, without parameters, e.g.
 * {@code image/jpeg}
 * @param fileName the last path segment of the flash's {@code img}, e.g.
 * {@code img_xQTRlhi.jpg}
 */
public record DownloadedImage(byte[] bytes, String contentType, String fileName) {

	@Override
	public String toString() {
		// Never the bytes: a record's default toString would print the whole array.
		return "DownloadedImage[" + this.fileName + ", " + this.contentType + ", " + this.bytes.length + " bytes]";
	}

}
