package app.flashcastr.devstack;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import app.flashcastr.testinfra.ServiceJvmsUnderTest;

/**
 * The real service jars for tests that start service JVMs: the exec jars
 * {@code ./mvnw verify} packaged before this module's tests, run by this test's JVM.
 */
final class PackagedServices {

	private PackagedServices() {
	}

	/** The exec jar of {@code module}, or a failure naming the command that builds it. */
	static Path jar(String module) {
		Path target = Path.of("").toAbsolutePath().getParent().resolve(module).resolve("target");
		try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, module + "-*-exec.jar")) {
			for (Path jar : jars) {
				return jar;
			}
		}
		catch (IOException ex) {
			// Reported below with the command that fixes it.
		}
		throw new IllegalStateException(
				"No " + module + " jar under " + target + ": run ./mvnw verify (or package) from the repository root");
	}

	/**
	 * Where the service JVMs' extracted jars and AOT caches live for every test class
	 * that starts them (here and in stack-tests, with the same JVM options): each is made
	 * once per build, not once per class or replica.
	 */
	static Path extractedJars() {
		return ServiceJvmsUnderTest.extractedJars(Path.of("").toAbsolutePath().getParent());
	}

	/** The {@code java} launcher running this test. */
	static Path java() {
		return Path.of(ProcessHandle.current().info().command().orElseThrow());
	}

}
