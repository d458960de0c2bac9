package app.flashcastr.api.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps the {@code operation_name} label bounded: names are chosen by clients, so only
 * the first {@code max} distinct (type, name) pairs are kept and later ones, or anything
 * that is not a plausible GraphQL name, become {@code other}.
 */
final class OperationNames {

	static final String ANONYMOUS = "anonymous";

	static final String OTHER = "other";

	private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]{0,63}");

	private final int max;

	private final Set<String> seen = ConcurrentHashMap.newKeySet();

	OperationNames(int max) {
		this.max = max;
	}

	String label(String type, String name) {
		if (name == null || name.isEmpty()) {
			return ANONYMOUS;
		}
		if (!NAME.matcher(name).matches()) {
			return OTHER;
		}
		String key = type + ' ' + name;
		if (this.seen.contains(key)) {
			return name;
		}
		synchronized (this.seen) {
			if (this.seen.size() < this.max) {
				this.seen.add(key);
				return name;
			}
		}
		return OTHER;
	}

}
