package app.flashcastr.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DevStackSettingsTests {

	@Test
	void readsEnvironmentAndMavenGivenRoot(@TempDir Path root) {
		Properties system = new Properties();
		system.setProperty("devstack.root", root.toString());
		system.setProperty("java.home", "/opt/jdk");

		DevStackSettings settings = DevStackSettings
			.from(Map.of("DEVSTACK_EXIT_AFTER_READY", "true", "DEVSTACK_SERVICES", "simulators", "DEVSTACK_EMBEDDED",
					"TRUE", "DEVSTACK_READY_TIMEOUT_SECONDS", "90", "DEVSTACK_CLEAN", "true"), system);

		assertThat(settings.root()).isEqualTo(root);
		assertThat(settings.stateDirectory()).isEqualTo(root.resolve(".devstack"));
		assertThat(settings.java()).isEqualTo(Path.of("/opt/jdk/bin/java"));
		assertThat(settings.exitAfterReady()).isTrue();
		assertThat(settings.services()).isEqualTo("simulators");
		assertThat(settings.embeddedOnly()).isTrue();
		assertThat(settings.readyTimeout()).isEqualTo(Duration.ofSeconds(90));
		assertThat(settings.clean()).isTrue();
		assertThat(settings.version()).as("filtered from the pom").isEqualTo("0.1.0-SNAPSHOT");
	}

	@Test
	void defaultsAreTheLongRunningFullStack() {
		Properties system = new Properties();
		system.setProperty("java.home", "/opt/jdk");

		DevStackSettings settings = DevStackSettings.from(Map.of(), system);

		assertThat(settings.exitAfterReady()).isFalse();
		assertThat(settings.services()).isEmpty();
		assertThat(settings.embeddedOnly()).isFalse();
		assertThat(settings.readyTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(settings.clean()).isFalse();
	}

	@Test
	void findsTheRepositoryRootFromAModuleFolder(@TempDir Path root) throws Exception {
		Files.createDirectories(root.resolve("devstack"));
		Files.writeString(root.resolve("devstack/pom.xml"), "<project/>");
		Path module = Files.createDirectories(root.resolve("producer/src"));

		assertThat(DevStackSettings.findRoot(module)).isEqualTo(root);
	}

}
