package app.flashcastr.stack;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service images as the spec asks: multi-stage, layered jar, pinned base tags, a
 * non-root user, and the JDK 25 AOT cache trained on the runtime image and used at start.
 * (No Docker engine here: the files are checked, the images are built by users with
 * Docker.)
 */
class DockerfileTests {

	private static final Pattern FROM = Pattern.compile("(?m)^FROM (\\S+)");

	@ParameterizedTest
	@ValueSource(strings = { "producer", "consumer", "api" })
	void serviceImagesAreMultiStagePinnedNonRootAndShipTheAotCache(String module) {
		String dockerfile = StackFiles.read(module + "/Dockerfile");

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
			.contains("-Dspring.context.exit=onRefresh")
			.contains("COPY --from=train /app/app.aot")
			.contains("\"-XX:AOTCache=app.aot\"")
			.containsPattern("(?m)^USER 10001$");
		assertThat(dockerfile).contains("-pl " + module + " -am package");
	}

}
