package app.flashcastr.bench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CpuLayersTests {

	@Test
	void aSampleBelongsToTheKnownLibraryNearestItsLeaf() {
		assertThat(CpuLayers.layerOf(List.of("java.util.HashMap", "graphql.execution.ExecutionStrategy",
				"org.springframework.graphql.execution.DefaultExecutionGraphQlService")))
			.isEqualTo("GraphQL execution");
		assertThat(CpuLayers.layerOf(List.of("java.lang.String", "graphql.parser.Parser", "graphql.GraphQL")))
			.isEqualTo("GraphQL parse and validate");
		assertThat(CpuLayers.layerOf(List.of("sun.nio.ch.SocketDispatcher", "org.postgresql.core.PGStream",
				"org.springframework.jdbc.core.JdbcTemplate", "app.flashcastr.api.flash.FlashRepository")))
			.isEqualTo("PostgreSQL driver");
		assertThat(CpuLayers.layerOf(List.of("tools.jackson.core.json.UTF8JsonGenerator",
				"org.springframework.http.converter.AbstractHttpMessageConverter")))
			.isEqualTo("Jackson");
		assertThat(CpuLayers.layerOf(List.of("org.springframework.web.servlet.DispatcherServlet",
				"org.apache.catalina.core.ApplicationFilterChain")))
			.isEqualTo("Spring MVC and core");
		assertThat(CpuLayers.layerOf(List.of("sun.nio.ch.NioSocketImpl", "java.lang.Thread")))
			.isEqualTo(CpuLayers.JDK_ONLY);
	}

	@Test
	void aRecordingsCpuTimeIsSummedPerLayerWithinItsWindow(@TempDir Path directory) throws Exception {
		assumeTrue(
				FlightRecorder.getFlightRecorder()
					.getEventTypes()
					.stream()
					.anyMatch((type) -> type.getName().equals("jdk.CPUTimeSample")),
				"this JDK has no CPU-time sampler (JDK 25+ on Linux)");
		Path file = directory.resolve("spin.jfr");
		Instant from;
		Instant to;
		try (Recording recording = new Recording()) {
			recording.enable("jdk.CPUTimeSample").with("throttle", "1ms");
			recording.start();
			from = Instant.now();
			spin(Duration.ofMillis(400));
			to = Instant.now();
			recording.stop();
			recording.dump(file);
		}
		assertThat(Files.size(file)).isPositive();
		CpuLayers.Breakdown breakdown = CpuLayers.read(file, List.of(new CpuLayers.Window("spin", from, to, 100, 0.4)))
			.get(0);
		Map<String, Long> sampled = breakdown.sampledNanos();
		long total = sampled.values().stream().mapToLong(Long::longValue).sum();
		assertThat(total).as("sampled CPU of a 400 ms spin").isGreaterThan(Duration.ofMillis(100).toNanos());
		assertThat(sampled.getOrDefault("Flashcastr code", 0L)).isGreaterThan(total / 2);
		assertThat(breakdown.describe()).startsWith("4000 µs of API CPU per request; sampled on its Java threads")
			.contains("Flashcastr code");
	}

	private static long spin(Duration duration) {
		long end = System.nanoTime() + duration.toNanos();
		long sum = 0;
		while (System.nanoTime() < end) {
			for (int i = 0; i < 10_000; i++) {
				sum += i * 31L ^ sum;
			}
		}
		return sum;
	}

}
