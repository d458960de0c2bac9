package app.flashcastr.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One measured figure and its samples (one per run).
 *
 * @param benchmark the benchmark that measured it, e.g. {@code consumer-pipeline}
 * @param name what was measured, with the settings that matter
 * @param unit e.g. {@code flashes/s}
 * @param samples one value per run, at least one
 * @param goal the goal to compare against, e.g. {@code ≥ 3500}, or empty
 */
public record Figure(String benchmark, String name, String unit, List<Double> samples, String goal) {

	public Figure {
		Objects.requireNonNull(benchmark, "benchmark");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(unit, "unit");
		samples = List.copyOf(samples);
		if (samples.isEmpty()) {
			throw new IllegalArgumentException("a figure needs at least one sample");
		}
		goal = (goal != null) ? goal : "";
	}

	/** The median of the samples (mean of the two middle ones for an even count). */
	public double median() {
		List<Double> sorted = new ArrayList<>(this.samples);
		Collections.sort(sorted);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	/** The smallest sample. */
	public double min() {
		return this.samples.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
	}

	/** The largest sample. */
	public double max() {
		return this.samples.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
	}

}
