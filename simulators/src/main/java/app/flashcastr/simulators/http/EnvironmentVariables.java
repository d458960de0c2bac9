package app.flashcastr.simulators.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.function.Function;

/**
 * How every simulator (and the load generator) reads its {@code *_SIMULATOR_*} /
 * {@code LOAD_*} variables: blank means the default, an unusable value fails naming the
 * variable.
 */
public final class EnvironmentVariables {

	private EnvironmentVariables() {
	}

	/**
	 * One variable.
	 * @param <T> the parsed type
	 * @param environment the variables, usually {@code System.getenv()}
	 * @param name the variable
	 * @param fallback the value when unset or blank
	 * @param parser reads the trimmed value; any exception marks it unusable
	 * @return the value
	 * @throws IllegalArgumentException naming the variable and its value
	 */
	public static <T> T read(Map<String, String> environment, String name, T fallback, Function<String, T> parser) {
		String value = environment.get(name);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return parser.apply(value.trim());
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(name + " has an unusable value '" + value + "': " + ex.getMessage(), ex);
		}
	}

	/**
	 * A bind address variable's value.
	 * @param value a host name or literal address
	 * @return the address
	 * @throws IllegalArgumentException for an unknown host
	 */
	public static InetAddress address(String value) {
		try {
			return InetAddress.getByName(value);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("unknown host", ex);
		}
	}

}
