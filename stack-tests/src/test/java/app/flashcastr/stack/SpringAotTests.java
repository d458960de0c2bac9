package app.flashcastr.stack;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import app.flashcastr.bench.stack.ServiceJvm;
import app.flashcastr.testinfra.ServiceJvmsUnderTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services' jars carry Spring AOT's generated wiring and what its conditions saw at
 * build time, and a start in AOT mode whose settings would have changed a condition
 * refuses to run, naming the setting (the stack's and the devstack's tests run every
 * service in AOT mode, as the images do).
 */
class SpringAotTests {

	/** Boot's repackaging keeps the classes' {@code META-INF} at the jar's root. */
	private static final String FROZEN_CONDITIONS = "META-INF/flashcastr/frozen-conditions.tsv";

	@ParameterizedTest
	@ValueSource(strings = { "producer", "consumer", "api" })
	void everyServiceJarCarriesItsGeneratedWiringAndWhatItsConditionsSaw(String module) throws Exception {
		Path execJar = StackFiles.path(module + "/target/" + module + "-0.1.0-SNAPSHOT-exec.jar");
		try (ZipFile jar = new ZipFile(execJar.toFile())) {
			assertThat(jar.stream().map(ZipEntry::getName))
				.anyMatch((name) -> name.endsWith("Application__ApplicationContextInitializer.class"));
			ZipEntry frozen = jar.getEntry(FROZEN_CONDITIONS);
			assertThat(frozen).as(FROZEN_CONDITIONS).isNotNull();
			try (InputStream in = jar.getInputStream(frozen)) {
				String file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				assertThat(file.lines())
					.anyMatch((line) -> line.startsWith("BOOLEAN\tspring.threads.virtual.enabled\t"))
					.anyMatch((line) -> line.startsWith("MANAGEMENT_PORT\tmanagement.server.port\t"))
					// Read again at run time: the AOT-cache training run turns it off.
					.noneMatch((line) -> line.contains("\tspring.flyway.enabled\t"));
			}
		}
	}

	@Test
	void aStartWhoseSettingsWouldChangeAFrozenConditionFailsNamingTheSetting() throws Exception {
		List<String> command = new ArrayList<>();
		command.add(ServiceJvm.javaCommand());
		command.addAll(ServiceJvmsUnderTest.OPTIONS);
		command.add("-jar");
		command.add(ServiceJars.extracted("api").toString());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		// The API was built on platform request threads; nothing is reached before the
		// check.
		builder.environment().put("SPRING_THREADS_VIRTUAL_ENABLED", "true");
		builder.environment().put("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none");
		builder.environment().put("LOG_FORMAT", "text");
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();

		assertThat(process.exitValue()).isNotZero();
		assertThat(output).contains("spring.threads.virtual.enabled: false when the jar was built, true now")
			.contains("without -Dspring.aot.enabled=true")
			.doesNotContain("Started ApiApplication");
	}

}
