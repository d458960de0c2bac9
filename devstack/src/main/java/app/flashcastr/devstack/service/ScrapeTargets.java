package app.flashcastr.devstack.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prometheus file discovery for the devstack's JVMs: one file per scrape job
 * ({@code invaders-bot.json}, {@code invaders-consumer.json},
 * {@code flashcastr-api.json}) listing every replica's management port with its instance
 * name as the {@code instance} label, so each replica is scraped and told apart.
 * {@code prometheus/prometheus.yml} reads them with {@code SCRAPE_DISCOVERY=file};
 * Prometheus rereads a changed file by itself.
 */
public final class ScrapeTargets {

	/** Scrape job of each service: the jobs of {@code prometheus/prometheus.yml}. */
	static final Map<String, String> JOBS = Map.of("producer", "invaders-bot", "consumer", "invaders-consumer", "api",
			"flashcastr-api");

	private static final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private ScrapeTargets() {
	}

	/**
	 * Writes one file per job, each replaced whole (temp file + move) so Prometheus never
	 * reads half a file.
	 * @param directory e.g. {@code .devstack/prometheus}
	 * @param services what runs; the simulators have no job and are left out
	 * @return the files written
	 */
	public static List<Path> write(Path directory, List<ServiceSpec> services) {
		Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
		JOBS.values().stream().sorted().forEach((job) -> groups.put(job, new ArrayList<>()));
		for (ServiceSpec service : services) {
			String job = JOBS.get(service.service());
			if (job != null) {
				groups.get(job)
					.add(Map.of("targets", List.of("127.0.0.1:" + service.port()), "labels",
							Map.of("instance", service.name())));
			}
		}
		List<Path> written = new ArrayList<>();
		try {
			Files.createDirectories(directory);
			for (Map.Entry<String, List<Map<String, Object>>> group : groups.entrySet()) {
				Path file = directory.resolve(group.getKey() + ".json");
				Path temporary = Files.createTempFile(directory, group.getKey() + ".", ".tmp");
				json.writeValue(temporary.toFile(), group.getValue());
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
				written.add(file);
			}
			return written;
		}
		catch (IOException | JacksonException ex) {
			throw new UncheckedIOException(new IOException("Could not write the scrape targets in " + directory, ex));
		}
	}

	/**
	 * Empties the files, so a Prometheus still reading them stops scraping what is gone
	 * instead of reporting it down.
	 * @param directory where {@link #write} wrote them
	 */
	public static void clear(Path directory) {
		if (Files.isDirectory(directory)) {
			write(directory, List.of());
		}
	}

}
