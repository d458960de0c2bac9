package app.flashcastr.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.flashcastr.bench.stack.ServiceJvm;
import app.flashcastr.localinfra.ExtractedJar;
import app.flashcastr.testinfra.ServiceJvmsUnderTest;

/**
 * The services' jars in the form the images run: extracted ({@code application.jar}
 * beside {@code lib/}, no nested-jar class loading, about a third of a start-up), with a
 * JDK AOT cache. Both are kept in {@code target/service-jars} at the repository root,
 * shared with the devstack's tests: made once per build, not once per test.
 */
final class ServiceJars {

	private static final Path JARS = ServiceJvmsUnderTest.extractedJars(StackFiles.ROOT);

	private ServiceJars() {
	}

	/**
	 * The extracted jar of a service module.
	 * @param module {@code producer}, {@code consumer} or {@code api}
	 * @return the jar to give {@code java -jar}
	 */
	static Path extracted(String module) throws Exception {
		Path execJar = StackFiles.path(module + "/target/" + module + "-0.1.0-SNAPSHOT-exec.jar");
		return ExtractedJar.runnable(execJar, java(), JARS.resolve(module));
	}

	/**
	 * The JVM options with the service's AOT cache added: the devstack's tests train it,
	 * else the first start here does.
	 * @param extracted the extracted jar ({@link #extracted})
	 * @param jvm the JVM options
	 * @param environment the service's environment
	 * @param logs where the training run's output goes
	 * @return {@code jvm} and {@code -XX:AOTCache=…}, or {@code jvm} alone if no cache
	 * could be made
	 */
	static List<String> withAotCache(Path extracted, List<String> jvm, Map<String, String> environment, Path logs)
			throws Exception {
		Map<String, String> training = new LinkedHashMap<>(environment);
		training.put("LOG_FORMAT", "text");
		Files.createDirectories(logs);
		List<String> options = new ArrayList<>(jvm);
		options.addAll(ExtractedJar.aotCacheOptions(extracted, java(), ServiceJvmsUnderTest.OPTIONS, training,
				logs.resolve(extracted.getParent().getFileName() + "-aot-training.log")));
		return options;
	}

	private static Path java() {
		return Path.of(ServiceJvm.javaCommand());
	}

}
