package app.flashcastr.testinfra;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this JVM created and has not removed yet; a shutdown hook removes the rest (best
 * effort) so CI servers do not accumulate test databases and vhosts.
 */
final class Leftovers {

	private static final Logger logger = LoggerFactory.getLogger(Leftovers.class);

	private static final Map<String, Runnable> pending = new ConcurrentHashMap<>();

	static {
		Runtime.getRuntime()
			.addShutdownHook(new Thread(Leftovers::removeAll, "flashcastr-test-infrastructure-cleanup"));
	}

	private Leftovers() {
	}

	static void register(String key, Runnable removal) {
		pending.put(key, removal);
	}

	/** Removes one resource now; a second call (or the shutdown hook) does nothing. */
	static void remove(String key) {
		Runnable removal = pending.remove(key);
		if (removal == null) {
			return;
		}
		try {
			removal.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not remove {}: {}", key, ex.getMessage());
		}
	}

	static boolean isPending(String key) {
		return pending.containsKey(key);
	}

	private static void removeAll() {
		pending.keySet().forEach(Leftovers::remove);
	}

}
