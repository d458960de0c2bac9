package app.flashcastr.localinfra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;

/**
 * A Spring Boot exec jar in the extracted form the images run ({@code application.jar}
 * beside {@code lib/}, from {@code java -Djarmode=tools -jar X extract}): classes load
 * from plain jars instead of through Boot's nested-jar loader, which took about a third
 * of a service's start-up, and a JDK AOT cache becomes possible (class loading and
 * linking done once, at the first start after a build). Both are made again only when the
 * exec jar's content changes: Maven rewrites the jar on every {@code package}, so its
 * date alone would make every start pay for them. The devstack, the stack tests and the
 * bench run the services this way.
 */
public final class ExtractedJar {

	private ExtractedJar() {
	}

	/**
	 * The jar to run: the extracted one for a Spring Boot exec jar, else the jar itself.
	 * @param execJar the jar Maven built
	 * @param java the {@code java} launcher
	 * @param directory where this jar's extracted form lives
	 * @return the jar to give {@code java -jar}
	 * @throws IOException if extracting fails, with the tool's output
	 */
	public static Path runnable(Path execJar, Path java, Path directory) throws IOException, InterruptedException {
		if (!isSpringApplication(execJar)) {
			return execJar;
		}
		Path extracted = directory.resolve(execJar.getFileName());
		Path extractedFrom = directory.resolve("app.jar.fingerprint");
		String fingerprint = fingerprint(execJar);
		if (Files.isRegularFile(extracted) && Files.isRegularFile(extractedFrom)
				&& Files.readString(extractedFrom).equals(fingerprint)) {
			return extracted;
		}
		Files.createDirectories(directory);
		Process process = new ProcessBuilder(java.toString(), "-Djarmode=tools", "-jar", execJar.toString(), "extract",
				"--force", "--destination", directory.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0 || !Files.isRegularFile(extracted)) {
			process.destroyForcibly();
			throw new IOException("Extracting " + execJar + " failed: " + output.strip());
		}
		Files.writeString(extractedFrom, fingerprint);
		return extracted;
	}

	/**
	 * The JDK AOT cache option for an extracted jar, as the images use it: made by a
	 * training run (the service starts without database or broker, asks itself its first
	 * requests and exits, as in service.Dockerfile) on the first start after a build,
	 * then reused while the jar is unchanged. A cache that cannot be made only costs
	 * speed: the service then runs without one.
	 * @param extracted the extracted jar ({@link #runnable})
	 * @param java the {@code java} launcher
	 * @param jvmOptions the service's JVM options (a cache only fits the options it was
	 * trained with)
	 * @param environment the service's environment
	 * @param trainingLog where the training run's output goes
	 * @return {@code -XX:AOTCache=…}, or nothing
	 */
	public static List<String> aotCacheOptions(Path extracted, Path java, List<String> jvmOptions,
			Map<String, String> environment, Path trainingLog) throws InterruptedException {
		Path cache = extracted.resolveSibling("app.aot");
		// The options it was trained with: new JVM settings train a new cache.
		Path trainedWith = extracted.resolveSibling("app.aot.options");
		String options = String.join(" ", jvmOptions);
		try {
			if (Files.isRegularFile(cache)
					&& Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(extracted)) >= 0
					&& Files.isRegularFile(trainedWith) && Files.readString(trainedWith).equals(options)) {
				return List.of("-XX:AOTCache=" + cache);
			}
			Files.deleteIfExists(cache);
			List<String> command = new ArrayList<>();
			command.add(java.toString());
			command.addAll(jvmOptions);
			command.add("-XX:AOTCacheOutput=" + cache);
			command.add(ShippedJvm.AOT_TRAINING);
			command.add("-jar");
			command.add(extracted.toString());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(trainingLog.toFile());
			builder.environment().putAll(environment);
			builder.environment().putAll(ShippedJvm.AOT_TRAINING_ENVIRONMENT);
			// Ports of its own: the service (or another replica) may already hold its
			// own.
			builder.environment().put("PORT", Integer.toString(Ports.freePort()));
			builder.environment().put("METRICS_PORT", Integer.toString(Ports.freePort()));
			Process process = builder.start();
			if (!process.waitFor(5, TimeUnit.MINUTES)) {
				process.destroyForcibly();
			}
			if (!Files.isRegularFile(cache)) {
				return List.of();
			}
			Files.writeString(trainedWith, options);
			return List.of("-XX:AOTCache=" + cache);
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	private static boolean isGeneratedProxy(String entryName) {
		return entryName.contains("$$SpringCGLIB$$");
	}

	/**
	 * What the jar holds, from its central directory (each entry's name, size and CRC),
	 * not when it was written: a repackage of unchanged classes gives the same value.
	 */
	static String fingerprint(Path jar) throws IOException {
		// By name only: the CGLIB proxies Spring AOT writes differ byte for byte from one
		// build to the next; they follow from the class they proxy, whose bytes count.
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			zip.stream()
				.filter((entry) -> !entry.isDirectory())
				.map((entry) -> isGeneratedProxy(entry.getName()) ? entry.getName() + '\n'
						: entry.getName() + '\0' + entry.getSize() + '\0' + entry.getCrc() + '\n')
				.sorted()
				.forEach((line) -> digest.update(line.getBytes(StandardCharsets.UTF_8)));
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A Spring Boot application jar: Boot's jar mode needs Spring itself on board (the
	 * simulators' jar uses Boot's launcher alone, and starts fast anyway).
	 */
	private static boolean isSpringApplication(Path jar) throws IOException {
		try (JarFile file = new JarFile(jar.toFile())) {
			return file.stream().anyMatch((entry) -> entry.getName().startsWith("BOOT-INF/lib/spring-core-"));
		}
	}

}
