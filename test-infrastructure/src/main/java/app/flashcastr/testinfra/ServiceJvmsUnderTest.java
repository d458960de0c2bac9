package app.flashcastr.testinfra;

import java.nio.file.Path;
import java.util.List;

import app.flashcastr.localinfra.ShippedJvm;

/**
 * How the tests that start real service JVMs (the devstack's and the stack's) run them.
 * One set of options and one folder for all of them: the extracted jars and the AOT
 * caches trained with these options are made once per build and shared; a class with
 * other options would retrain them.
 */
public final class ServiceJvmsUnderTest {

	/**
	 * The jars' Spring AOT wiring, as the images run it; C1 only and a fixed heap:
	 * short-lived JVMs on a shared 2-core machine.
	 */
	public static final List<String> OPTIONS = List.of(ShippedJvm.SPRING_AOT, "-Xmx256m", "-XX:TieredStopAtLevel=1");

	private ServiceJvmsUnderTest() {
	}

	/**
	 * Where each service's extracted jar and AOT cache live, a folder per service.
	 * @param repositoryRoot the repository's root directory
	 * @return {@code target/service-jars} under it
	 */
	public static Path extractedJars(Path repositoryRoot) {
		return repositoryRoot.resolve("target").resolve("service-jars");
	}

}
