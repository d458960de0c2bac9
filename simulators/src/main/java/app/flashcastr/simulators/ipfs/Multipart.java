package app.flashcastr.simulators.ipfs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@code multipart/form-data} body (RFC 7578) split into its parts. Part contents are
 * views into the request body, not copies.
 */
final class Multipart {

	private static final byte[] CRLF = { '\r', '\n' };

	private static final byte[] HEADERS_END = { '\r', '\n', '\r', '\n' };

	private final List<Part> parts;

	private Multipart(List<Part> parts) {
		this.parts = parts;
	}

	/**
	 * Parses a body.
	 * @param contentType the request's Content-Type, which names the boundary
	 * @param body the whole body
	 * @throws IllegalArgumentException explaining what is wrong
	 */
	static Multipart parse(String contentType, byte[] body) {
		String boundary = boundary(contentType);
		byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
		// Every delimiter but the first is preceded by CRLF, which belongs to it, not to
		// the content.
		byte[] nextDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
		List<Part> parts = new ArrayList<>(3);
		int position = indexOf(body, delimiter, 0);
		if (position < 0) {
			throw new IllegalArgumentException("multipart body without its boundary");
		}
		position += delimiter.length;
		while (true) {
			if (startsWith(body, position, new byte[] { '-', '-' })) {
				return new Multipart(parts);
			}
			if (!startsWith(body, position, CRLF)) {
				throw new IllegalArgumentException("multipart boundary not followed by CRLF");
			}
			int headersStart = position + CRLF.length;
			int headersEnd = indexOf(body, HEADERS_END, headersStart);
			if (headersEnd < 0) {
				throw new IllegalArgumentException("multipart part without the blank line after its headers");
			}
			int contentStart = headersEnd + HEADERS_END.length;
			int next = indexOf(body, nextDelimiter, contentStart);
			if (next < 0) {
				throw new IllegalArgumentException("multipart part not closed by the boundary");
			}
			String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
			parts.add(part(headers, body, contentStart, next - contentStart));
			position = next + nextDelimiter.length;
		}
	}

	Optional<Part> part(String name) {
		return this.parts.stream().filter((part) -> name.equals(part.name())).findFirst();
	}

	private static Part part(String headers, byte[] body, int offset, int length) {
		String name = null;
		String fileName = null;
		String contentType = "text/plain";
		for (String line : headers.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon < 0) {
				continue;
			}
			String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = line.substring(colon + 1).trim();
			if (header.equals("content-disposition")) {
				name = parameter(value, "name");
				fileName = parameter(value, "filename");
			}
			else if (header.equals("content-type")) {
				contentType = value;
			}
		}
		if (name == null) {
			throw new IllegalArgumentException("multipart part without Content-Disposition name");
		}
		return new Part(name, fileName, contentType, body, offset, length);
	}

	private static String boundary(String contentType) {
		if (contentType == null || !contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
			throw new IllegalArgumentException("Content-Type must be multipart/form-data, got " + contentType);
		}
		String boundary = parameter(contentType, "boundary");
		if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
			throw new IllegalArgumentException("multipart/form-data without a usable boundary");
		}
		return boundary;
	}

	/** A {@code ; key=value} or {@code ; key="value"} parameter of a header value. */
	private static String parameter(String headerValue, String key) {
		for (String segment : headerValue.split(";")) {
			int equals = segment.indexOf('=');
			if (equals < 0 || !segment.substring(0, equals).trim().equalsIgnoreCase(key)) {
				continue;
			}
			String value = segment.substring(equals + 1).trim();
			if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
				value = value.substring(1, value.length() - 1);
			}
			return value;
		}
		return null;
	}

	private static boolean startsWith(byte[] body, int position, byte[] prefix) {
		if (position < 0 || position + prefix.length > body.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (body[position + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static int indexOf(byte[] body, byte[] pattern, int from) {
		byte first = pattern[0];
		int last = body.length - pattern.length;
		for (int i = from; i <= last; i++) {
			if (body[i] == first && startsWith(body, i, pattern)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * One part: its form field name, its file name (null for a plain field), its content
	 * type and where its content lies in the body.
	 */
	record Part(String name, String fileName, String contentType, byte[] body, int offset, int length) {

		String text() {
			return new String(this.body, this.offset, this.length, StandardCharsets.UTF_8);
		}

	}

}
