package app.flashcastr.devstack.infra;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.qpid.server.SystemLauncher;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import app.flashcastr.localinfra.Ports;

/**
 * Apache Qpid Broker-J speaking AMQP 0-9-1 on 127.0.0.1, in memory, inside the devstack
 * JVM. It is not RabbitMQ: it has no quorum queues, hence
 * {@link BrokerEndpoint#classicQueuesOnly()}.
 */
final class EmbeddedBroker implements AutoCloseable {

	private static boolean urlHandlersRegistered;

	private final SystemLauncher launcher;

	private final int port;

	private EmbeddedBroker(SystemLauncher launcher, int port) {
		this.launcher = launcher;
		this.port = port;
	}

	static EmbeddedBroker start(Path directory, int port) throws Exception {
		registerQpidUrlHandlers();
		Files.createDirectories(directory);
		Path config = writeInitialConfiguration(directory, port);
		SystemLauncher launcher = new SystemLauncher();
		launcher.startup(Map.of("type", "Memory", "initialConfigurationLocation", config.toUri().toString(),
				"startupLoggedToSystemOut", false, "context",
				Map.of("qpid.work_dir", directory.resolve("work").toAbsolutePath().toString())));
		return new EmbeddedBroker(launcher, port);
	}

	/**
	 * Writes the broker's initial configuration; see the devstack README for why each
	 * part.
	 */
	static Path writeInitialConfiguration(Path directory, int port) throws IOException {
		Map<String, Object> configuration = ordered("name", "devstack", "modelVersion", "9.1",
				"authenticationproviders", List.of(ordered("name", "plain", "type", "Plain",
						// PLAIN over a non-TLS loopback port, as with a local RabbitMQ.
						"secureOnlyMechanisms", List.of(), "users",
						List.of(ordered("name", "guest", "type", "managed", "password", "guest")))),
				"ports",
				List.of(ordered("name", "AMQP", "port", port, "bindingAddress", Ports.LOOPBACK,
						"authenticationProvider", "plain", "virtualhostaliases",
						// defaultAlias: clients opening RabbitMQ's default vhost "/" land
						// on "default".
						List.of(ordered("name", "nameAlias", "type", "nameAlias"),
								ordered("name", "defaultAlias", "type", "defaultAlias")))),
				// In memory, like the broker's whole configuration: nothing survives a
				// restart.
				"virtualhostnodes", List.of(ordered("name", "default", "type", "Memory", "defaultVirtualHostNode",
						"true", "virtualHostInitialConfiguration", "{\"type\":\"Memory\"}")));
		Path file = directory.resolve("config.json");
		JsonMapper.builder()
			.enable(SerializationFeature.INDENT_OUTPUT)
			.build()
			.writeValue(file.toFile(), configuration);
		return file;
	}

	/** Keeps keys in the order written, so the file reads like the Qpid documentation. */
	private static Map<String, Object> ordered(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	/**
	 * Qpid reads {@code classpath:} and {@code data:} URLs. The JDK finds their handlers
	 * by package name on the system class loader, which fails inside the Spring Boot exec
	 * jar; a factory finds them from any class loader.
	 */
	private static synchronized void registerQpidUrlHandlers() {
		if (urlHandlersRegistered) {
			return;
		}
		urlHandlersRegistered = true;
		try {
			URL.setURLStreamHandlerFactory((protocol) -> switch (protocol) {
				case "classpath" -> new org.apache.qpid.server.util.urlstreamhandler.classpath.Handler();
				case "data" -> new org.apache.qpid.server.util.urlstreamhandler.data.Handler();
				default -> null;
			});
		}
		catch (Error alreadySet) {
			// Another factory owns URLs in this JVM: rely on Qpid's own registration.
		}
	}

	int port() {
		return this.port;
	}

	@Override
	public void close() {
		try {
			this.launcher.shutdown();
		}
		catch (RuntimeException ex) {
			// On SIGTERM Qpid's own JVM shutdown hook may stop the broker first; then
			// there is nothing left to stop.
			if (!String.valueOf(ex.getMessage()).contains("not in ACTIVE state")) {
				throw ex;
			}
		}
	}

}
