package app.flashcastr.testinfra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a service's {@code /actuator/prometheus}, parsed: declared types, and
 * every sample's labels and value. Metric-contract tests assert on exported names exactly
 * as Prometheus sees them, never on Micrometer's names.
 */
public final class PrometheusScrape {

	private static final Pattern TYPE_LINE = Pattern.compile("^# TYPE (\\S+) (\\S+)$");

	private static final Pattern SAMPLE_LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final Map<String, String> types = new HashMap<>();

	private final Map<String, List<Map<String, String>>> samples = new HashMap<>();

	private final Map<String, Double> values = new HashMap<>();

	private PrometheusScrape() {
	}

	/**
	 * Scrapes {@code http://127.0.0.1:<port>/actuator/prometheus} in the Prometheus text
	 * format.
	 */
	public static PrometheusScrape of(int port) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
					.header("Accept", "text/plain;version=0.0.4")
					.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("scrape answered " + response.statusCode());
			}
			return parse(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("scrape failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("scrape interrupted", ex);
		}
	}

	/** Parses a text-format body. */
	public static PrometheusScrape parse(String body) {
		PrometheusScrape scrape = new PrometheusScrape();
		for (String line : body.split("\n")) {
			Matcher type = TYPE_LINE.matcher(line);
			if (type.matches()) {
				scrape.types.put(type.group(1), type.group(2));
				// A client may announce a counter by its base name; the samples carry
				// _total.
				if (type.group(2).equals("counter") && !type.group(1).endsWith("_total")) {
					scrape.types.put(type.group(1) + "_total", "counter");
				}
				continue;
			}
			if (line.startsWith("#") || line.isBlank()) {
				continue;
			}
			Matcher sample = SAMPLE_LINE.matcher(line);
			if (sample.find()) {
				Map<String, String> labels = new HashMap<>();
				if (sample.group(3) != null) {
					Matcher label = LABEL.matcher(sample.group(3));
					while (label.find()) {
						labels.put(label.group(1), label.group(2));
					}
				}
				scrape.samples.computeIfAbsent(sample.group(1), (k) -> new ArrayList<>()).add(labels);
				scrape.values.put(key(sample.group(1), labels), Double.parseDouble(sample.group(4)));
			}
		}
		return scrape;
	}

	/**
	 * Declared type of a metric ({@code counter}, {@code gauge}, {@code histogram}…), or
	 * null.
	 */
	public String type(String name) {
		return this.types.get(name);
	}

	/** The label sets of every sample with this exact name. */
	public List<Map<String, String>> series(String name) {
		return this.samples.getOrDefault(name, List.of());
	}

	/**
	 * Label names of the samples of this name, without the common {@code application}
	 * label.
	 */
	public Set<String> ownLabels(String name) {
		Set<String> labels = new HashSet<>();
		series(name).forEach((sample) -> labels.addAll(sample.keySet()));
		labels.remove("application");
		return labels;
	}

	/** Number of exported series. */
	public int seriesCount() {
		return this.samples.values().stream().mapToInt(List::size).sum();
	}

	/** The value of the first sample of this name whose labels include these. */
	public double value(String name, Map<String, String> labels) {
		return series(name).stream()
			.filter((l) -> l.entrySet().containsAll(labels.entrySet()))
			.map((l) -> this.values.get(key(name, l)))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no sample " + name + labels));
	}

	private static String key(String name, Map<String, String> labels) {
		return name + new TreeMap<>(labels);
	}

}
