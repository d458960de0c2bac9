package app.flashcastr.bench.stack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Last line of defence: whatever a benchmark left open (a JVM, a database, a vhost) is
 * closed by a shutdown hook, e.g. on Ctrl-C. The normal path closes them in finally
 * blocks.
 */
final class Cleanup {

	private static final Set<AutoCloseable> open = Collections.synchronizedSet(new LinkedHashSet<>());

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::closeAll, "bench-cleanup"));
	}

	private Cleanup() {
	}

	static void register(AutoCloseable resource) {
		open.add(resource);
	}

	static void unregister(AutoCloseable resource) {
		open.remove(resource);
	}

	private static void closeAll() {
		List<AutoCloseable> left;
		synchronized (open) {
			left = new ArrayList<>(open);
		}
		// Newest first: the JVMs before the database and vhost they use.
		Collections.reverse(left);
		for (AutoCloseable resource : left) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				System.err.println("[bench] cleanup: " + ex);
			}
		}
	}

}
