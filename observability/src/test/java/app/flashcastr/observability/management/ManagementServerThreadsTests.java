package app.flashcastr.observability.management;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.apache.tomcat.util.threads.VirtualThreadExecutor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import app.flashcastr.observability.testservice.TestServiceApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With virtual threads on, the server that serves actuator runs on platform threads (see
 * {@link ManagementServerThreadsConfiguration}), whether it is the service's only server
 * or a management port of its own; a service's own port keeps its virtual threads.
 */
class ManagementServerThreadsTests {

	@Test
	void actuatorOnTheServicesPortRunsOnPlatformThreads() {
		Map<String, Executor> executors = new ConcurrentHashMap<>();
		try (ConfigurableApplicationContext service = start(executors)) {
			assertThat(executors).containsOnlyKeys("server");
			assertThat(executors.get("server")).isInstanceOf(ThreadPoolExecutor.class);
		}
	}

	@Test
	void aSeparateManagementPortRunsOnPlatformThreadsAndTheServicesPortStaysVirtual() {
		Map<String, Executor> executors = new ConcurrentHashMap<>();
		try (ConfigurableApplicationContext service = start(executors, "--management.server.port=0")) {
			assertThat(executors.get("management")).isInstanceOf(ThreadPoolExecutor.class);
			assertThat(executors.get("server")).isInstanceOf(VirtualThreadExecutor.class);
		}
	}

	/**
	 * Starts the test service with virtual threads, recording each server's executor by
	 * namespace.
	 */
	private static ConfigurableApplicationContext start(Map<String, Executor> executors, String... more) {
		ApplicationListener<WebServerInitializedEvent> recorder = (event) -> {
			String namespace = event.getApplicationContext().getServerNamespace();
			executors.put((namespace != null) ? namespace : "server",
					((TomcatWebServer) event.getWebServer()).getTomcat()
						.getConnector()
						.getProtocolHandler()
						.getExecutor());
		};
		String[] arguments = new String[more.length + 3];
		arguments[0] = "--server.port=0";
		arguments[1] = "--spring.threads.virtual.enabled=true";
		arguments[2] = "--spring.main.banner-mode=off";
		System.arraycopy(more, 0, arguments, 3, more.length);
		return new SpringApplicationBuilder(TestServiceApplication.class).listeners(recorder).run(arguments);
	}

}
