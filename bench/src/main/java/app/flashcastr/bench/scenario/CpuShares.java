package app.flashcastr.bench.scenario;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** CPU seconds per part of the stack, as one line for the notes. */
final class CpuShares {

	private CpuShares() {
	}

	static String describe(Map<String, Double> seconds) {
		double total = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
		return seconds.entrySet()
			.stream()
			.map((entry) -> String.format(Locale.ROOT, "%s %.1f", entry.getKey(), entry.getValue()))
			.collect(Collectors.joining(", ")) + String.format(Locale.ROOT, " (total %.1f)", total);
	}

}
