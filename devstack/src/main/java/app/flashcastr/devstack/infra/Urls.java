package app.flashcastr.devstack.infra;

import java.net.URI;

/**
 * Reads connection URLs without ever echoing their password.
 */
final class Urls {

	private Urls() {
	}

	static URI parse(String url, String variable) {
		try {
			URI uri = URI.create(url.trim());
			if (uri.getHost() == null) {
				throw new IllegalArgumentException("no host");
			}
			return uri;
		}
		catch (IllegalArgumentException ex) {
			// The parser's message quotes the URL, password included: keep it out.
			throw new IllegalArgumentException(variable + " is not a valid URL with a host");
		}
	}

	static int port(URI uri, int defaultPort) {
		return (uri.getPort() > 0) ? uri.getPort() : defaultPort;
	}

	/** Replaces the password, if any, with {@code ****}. */
	static String withoutPassword(String url) {
		int scheme = url.indexOf("://");
		int at = url.indexOf('@');
		if (scheme < 0 || at < 0) {
			return url;
		}
		int colon = url.indexOf(':', scheme + 3);
		if (colon < 0 || colon > at) {
			return url;
		}
		return url.substring(0, colon + 1) + "****" + url.substring(at);
	}

}
