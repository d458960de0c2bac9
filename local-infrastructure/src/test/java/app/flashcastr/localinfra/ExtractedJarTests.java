package app.flashcastr.localinfra;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ExtractedJarTests {

	@TempDir
	Path directory;

	@Test
	void aRepackageOfTheSameClassesKeepsTheFingerprintAChangedClassChangesIt() throws IOException {
		Path first = jar("first.jar", "class A", Instant.parse("2026-01-01T00:00:00Z"));
		Path repackaged = jar("repackaged.jar", "class A", Instant.parse("2026-06-01T12:00:00Z"));
		Path changed = jar("changed.jar", "class B", Instant.parse("2026-01-01T00:00:00Z"));

		assertThat(ExtractedJar.fingerprint(repackaged)).isEqualTo(ExtractedJar.fingerprint(first));
		assertThat(ExtractedJar.fingerprint(changed)).isNotEqualTo(ExtractedJar.fingerprint(first));
	}

	@Test
	void springAotProxiesCountByNameSinceTheirBytesDifferFromBuildToBuild() throws IOException {
		Instant written = Instant.parse("2026-01-01T00:00:00Z");
		Path first = jar("first.jar", "class A", written, "proxy bytes of one build");
		Path rebuilt = jar("rebuilt.jar", "class A", written, "proxy bytes of the next");

		assertThat(ExtractedJar.fingerprint(rebuilt)).isEqualTo(ExtractedJar.fingerprint(first));
		assertThat(ExtractedJar.fingerprint(rebuilt))
			.isNotEqualTo(ExtractedJar.fingerprint(jar("plain.jar", "class A", written)));
	}

	private Path jar(String name, String content, Instant written) throws IOException {
		return jar(name, content, written, null);
	}

	private Path jar(String name, String content, Instant written, String proxy) throws IOException {
		Path jar = this.directory.resolve(name);
		try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
			ZipEntry manifest = new ZipEntry("META-INF/MANIFEST.MF");
			manifest.setLastModifiedTime(FileTime.from(written));
			zip.putNextEntry(manifest);
			zip.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
			ZipEntry type = new ZipEntry("BOOT-INF/classes/app/A.class");
			type.setLastModifiedTime(FileTime.from(written));
			zip.putNextEntry(type);
			zip.write(content.getBytes(StandardCharsets.UTF_8));
			if (proxy != null) {
				ZipEntry generated = new ZipEntry("BOOT-INF/classes/app/A$$SpringCGLIB$$0.class");
				generated.setLastModifiedTime(FileTime.from(written));
				zip.putNextEntry(generated);
				zip.write(proxy.getBytes(StandardCharsets.UTF_8));
			}
		}
		Files.setLastModifiedTime(jar, FileTime.from(written));
		return jar;
	}

}
