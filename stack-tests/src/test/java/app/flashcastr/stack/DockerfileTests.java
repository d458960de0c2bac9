package app.flashcastr.stack;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.flashcastr.localinfra.ShippedJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service image as the spec asks: multi-stage, layered jar, pinned base tags, a
 * non-root user, and the JDK 25 AOT cache trained on the runtime image and used at start;
 * one Dockerfile for the three services, the module a build argument that compose and
 * Railway give. (No Docker engine here: the files are checked, the images are built by
 * users with Docker.)
 */
class DockerfileTests {

	private static final String DOCKERFILE = "service.Dockerfile";

	private static final Pattern JAVA_TOOL_OPTIONS = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]+)\"");

	private static final Pattern FROM = Pattern.compile("(?m)^FROM (\\S+)");

	@Test
	void serviceImageIsMultiStagePinnedNonRootAndShipsTheAotCache() {
		String dockerfile = StackFiles.read(DOCKERFILE);

		Matcher from = FROM.matcher(dockerfile);
		List<String> images = from.results().map((match) -> match.group(1)).toList();
		assertThat(images).hasSizeGreaterThanOrEqualTo(3)
			.allSatisfy((image) -> assertThat(image).matches("eclipse-temurin:\\d+\\.\\d+\\.\\d+_\\d+-(jdk|jre)"));
		// The cache is only valid for the JVM build that wrote it: train on the runtime
		// image.
		String runtime = images.get(images.size() - 1);
		assertThat(dockerfile).contains("FROM " + runtime + " AS train")
			.contains("extract --layers")
			.contains("-XX:AOTCacheOutput=app.aot")
			.contains(ShippedJvm.AOT_TRAINING)
			.contains(ShippedJvm.AOT_TRAINING_ENVIRONMENT.entrySet()
				.stream()
				.map((variable) -> variable.getKey() + "=" + variable.getValue())
				.toList())
			.contains("COPY --from=train /app/app.aot")
			.contains("\"-XX:AOTCache=app.aot\"")
			.containsPattern("(?m)^USER 10001$");
		assertThat(dockerfile).containsPattern("(?m)^ARG MODULE$")
			.contains("-pl ${MODULE} -am package")
			.contains("cp ${MODULE}/target/${MODULE}-*-exec.jar /app.jar")
			.containsPattern("(?m)^EXPOSE \\$\\{PORTS}$");
	}

	@Test
	void imagesShipTheJvmSettingsTheBenchMeasures() {
		String dockerfile = StackFiles.read(DOCKERFILE);
		List<String> expected = ShippedJvm.options(ShippedJvm.HEAP);

		List<List<String>> shipped = JAVA_TOOL_OPTIONS.matcher(dockerfile)
			.results()
			.map((match) -> List.of(match.group(1).split(" ")))
			.toList();

		// The training run and the runtime: the AOT cache only loads under the same
		// options.
		assertThat(shipped).hasSize(2)
			.allSatisfy((options) -> assertThat(options).containsExactlyInAnyOrderElementsOf(expected));
		assertThat(dockerfile).contains("MALLOC_ARENA_MAX=" + ShippedJvm.MALLOC_ARENA_MAX);
	}

	@ParameterizedTest
	@ValueSource(strings = { "producer", "consumer", "api" })
	@SuppressWarnings("unchecked")
	void composeAndRailwayBuildEachServiceWithItsModule(String module) {
		Map<String, Object> services = (Map<String, Object>) StackFiles.yaml(StackFiles.path("docker-compose.yml"))
			.get("services");
		Map<String, Object> build = (Map<String, Object>) ((Map<String, Object>) services.get(module)).get("build");
		assertThat(build).containsEntry("context", ".").containsEntry("dockerfile", DOCKERFILE);
		assertThat((Map<String, Object>) build.get("args")).containsEntry("MODULE", module).containsKey("PORTS");

		assertThat(StackFiles.read(module + "/railway.json")).contains("\"dockerfilePath\": \"" + DOCKERFILE + "\"");
	}

}
