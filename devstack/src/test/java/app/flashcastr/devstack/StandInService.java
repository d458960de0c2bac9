package app.flashcastr.devstack;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a service jar in tests: answers 200 on every path of its port
 * ({@code FEED_SIMULATOR_PORT} or {@code METRICS_PORT}); with {@code STAND_IN_EXIT_CODE}
 * it prints a line and exits instead, as a service failing at start-up would; with a
 * {@code <jar>.crash} file it exits soon after its first request.
 */
public final class StandInService {

	private StandInService() {
	}

	private static void crash() {
		System.out.println("stand-in crashing on purpose");
		Runtime.getRuntime().halt(9);
	}

	public static void main(String[] args) throws Exception {
		String exitCode = System.getenv("STAND_IN_EXIT_CODE");
		if (exitCode != null) {
			System.out.println("stand-in failing on purpose");
			System.exit(Integer.parseInt(exitCode));
		}
		String port = System.getenv().getOrDefault("FEED_SIMULATOR_PORT", System.getenv("METRICS_PORT"));
		System.out.println("stand-in up on " + port + " queue type " + System.getenv("FLASHCASTR_AMQP_QUEUE_TYPE")
				+ " database " + System.getenv("DATABASE_URL") + " flash ids after "
				+ System.getenv("FEED_SIMULATOR_FLASH_IDS_AFTER"));
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)), 0);
		// A "<jar>.crash" file beside the jar: die soon after the first request, as a
		// service crashing once up.
		boolean crash = Files.exists(Path.of(System.getProperty("java.class.path") + ".crash"));
		server.createContext("/", (exchange) -> {
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
			if (crash) {
				// Dies half a second after its first answer, as under load.
				Executors.newSingleThreadScheduledExecutor()
					.schedule(StandInService::crash, 500, TimeUnit.MILLISECONDS);
			}
		});
		server.start();
	}

}
