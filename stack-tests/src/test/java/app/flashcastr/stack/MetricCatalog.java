package app.flashcastr.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every metric name a dashboard or rule may use: the README's metric reference (the
 * contract the services' scrape tests assert), the names of the exporters we run
 * ({@code exporter-metrics.txt}), and our own recording rules.
 */
final class MetricCatalog {

	private static final Pattern SECTION_PREFIX = Pattern.compile("^###.*\\(`([a-z_]+_)`");

	private static final Pattern CODE = Pattern.compile("`([^`]+)`");

	private static final Pattern NAME = Pattern.compile("[a-z_<>][a-z0-9_<>]*");

	private static final List<String> PREFIXES = List.of("invaders_bot_", "invaders_consumer_", "flashcastr_api_");

	private static final List<String> SERIES_SUFFIXES = List.of("", "_bucket", "_count", "_sum", "_max");

	private MetricCatalog() {
	}

	static Set<String> names() {
		Set<String> names = new TreeSet<>();
		names.addAll(readmeNames());
		names.addAll(exporterNames());
		names.addAll(recordingRuleNames());
		return names;
	}

	/**
	 * Names in the README's "Metric reference" section, shorthand ({@code `_x_total`})
	 * expanded.
	 */
	static Set<String> readmeNames() {
		String readme = StackFiles.read("README.md");
		int start = readme.indexOf("## Metric reference");
		int end = readme.indexOf("\n## ", start + 1);
		String section = readme.substring(start, (end < 0) ? readme.length() : end);
		Set<String> names = new TreeSet<>();
		String prefix = null;
		for (String line : section.split("\n")) {
			Matcher heading = SECTION_PREFIX.matcher(line);
			if (heading.find()) {
				prefix = heading.group(1);
				continue;
			}
			Matcher code = CODE.matcher(line);
			while (code.find()) {
				// `invaders_consumer_memory_bytes{type}`: the name without its labels.
				String token = code.group(1).replaceAll("\\{.*", "");
				if (!NAME.matcher(token).matches()) {
					continue;
				}
				if (token.startsWith("<prefix>")) {
					for (String each : PREFIXES) {
						addSeries(names, each + token.substring("<prefix>_".length()));
					}
				}
				else if (token.startsWith("_") && prefix != null) {
					addSeries(names, prefix + token.substring(1));
				}
				else if (PREFIXES.stream().anyMatch(token::startsWith)) {
					addSeries(names, token);
				}
			}
		}
		return names;
	}

	private static void addSeries(Set<String> names, String name) {
		SERIES_SUFFIXES.forEach((suffix) -> names.add(name + suffix));
	}

	static Set<String> exporterNames() {
		Set<String> names = new TreeSet<>();
		try (InputStream in = MetricCatalog.class.getResourceAsStream("/exporter-metrics.txt")) {
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				String name = line.strip();
				if (!name.isEmpty() && !name.startsWith("#")) {
					names.add(name);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return names;
	}

	@SuppressWarnings("unchecked")
	static Set<String> recordingRuleNames() {
		Set<String> names = new TreeSet<>();
		for (var file : StackFiles.files("prometheus/rules", ".yml")) {
			for (Map<String, Object> group : (List<Map<String, Object>>) StackFiles.yaml(file).get("groups")) {
				for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
					if (rule.containsKey("record")) {
						names.add((String) rule.get("record"));
					}
				}
			}
		}
		return names;
	}

}
