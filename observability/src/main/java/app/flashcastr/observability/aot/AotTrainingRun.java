package app.flashcastr.observability.aot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The JDK AOT cache's training run ({@code -XX:AOTCacheOutput} with
 * {@code flashcastr.aot.training=true}): once the service is ready, it asks itself what
 * the first minutes ask of it (the probes, a scrape, and a GraphQL query where it serves
 * GraphQL), then exits. The cache then holds the classes and method profiles of the whole
 * start and of those first requests; a training that exits on refresh left the web
 * servers, the ready event and every request path out (~970 classes the API loaded from
 * its jars at each start, docs/benchmarks.md "Session 19"). The answers do not matter: a
 * training run has no database or broker, so readiness answers 503.
 */
public class AotTrainingRun implements ApplicationListener<ApplicationReadyEvent> {

	/** The switch, read at run time (a condition would be fixed by Spring AOT). */
	public static final String PROPERTY = "flashcastr.aot.training";

	/**
	 * Each request this many times: enough for the JIT to record a profile of its path.
	 */
	static final int ROUNDS = 10;

	private static final List<String> MANAGEMENT_PATHS = List.of("/actuator/health/readiness",
			"/actuator/health/liveness", "/actuator/prometheus");

	private static final Log logger = LogFactory.getLog(AotTrainingRun.class);

	private final IntConsumer exit;

	public AotTrainingRun() {
		this(System::exit);
	}

	AotTrainingRun(IntConsumer exit) {
		this.exit = exit;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		ConfigurableApplicationContext context = event.getApplicationContext();
		Environment environment = context.getEnvironment();
		if (!environment.getProperty(PROPERTY, Boolean.class, false)) {
			return;
		}
		List<HttpRequest> requests = requests(environment);
		// Only what answers is asked again: a probe failing for want of a database (the
		// image's training run) is not the path production takes.
		List<HttpRequest> answered = new ArrayList<>();
		try (HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build()) {
			for (HttpRequest request : requests) {
				if (send(http, request)) {
					answered.add(request);
				}
			}
			for (int round = 1; round < ROUNDS; round++) {
				answered.forEach((request) -> send(http, request));
			}
		}
		logger.info(
				"AOT training run: %d of %d requests answered, those asked %d times; exiting so the JVM writes its AOT cache"
					.formatted(answered.size(), requests.size(), ROUNDS));
		this.exit.accept(SpringApplication.exit(context));
	}

	/** The probes and a scrape on the management port, a query on the GraphQL path. */
	static List<HttpRequest> requests(Environment environment) {
		String server = environment.getProperty("local.server.port");
		String management = environment.getProperty("local.management.port", server);
		List<HttpRequest> requests = new ArrayList<>();
		if (management != null) {
			MANAGEMENT_PATHS.forEach((path) -> requests.add(request(management, path).GET().build()));
		}
		String graphql = environment.getProperty("spring.graphql.http.path");
		if (server != null && graphql != null) {
			requests.add(request(server, graphql).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}"))
				.build());
		}
		return requests;
	}

	private static HttpRequest.Builder request(String port, String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
	}

	/** Whether the request was answered with a 2xx. */
	private static boolean send(HttpClient http, HttpRequest request) {
		try {
			int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			return status >= 200 && status < 300;
		}
		catch (IOException ex) {
			logger.info("AOT training run: " + request.uri() + " not answered: " + ex);
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
