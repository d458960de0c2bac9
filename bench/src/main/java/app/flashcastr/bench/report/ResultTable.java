package app.flashcastr.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders figures as a Markdown table, readable both in a terminal and in
 * {@code docs/benchmarks.md}: figure, unit, median of N runs, min–max, goal, JDK, cores.
 */
public final class ResultTable {

	private static final List<String> HEADER = List.of("Benchmark", "Figure", "Unit", "Median", "Min–max", "Runs",
			"Goal", "JDK", "Cores");

	private ResultTable() {
	}

	/** The table, one row per figure, columns padded to line up in monospace. */
	public static String render(List<Figure> figures, Machine machine) {
		List<List<String>> rows = new ArrayList<>();
		rows.add(HEADER);
		for (Figure figure : figures) {
			rows.add(List.of(figure.benchmark(), figure.name(), figure.unit(), number(figure.median()),
					number(figure.min()) + "–" + number(figure.max()), Integer.toString(figure.samples().size()),
					figure.goal(), machine.jdkShort(), Integer.toString(machine.cores())));
		}
		int[] widths = new int[HEADER.size()];
		for (List<String> row : rows) {
			for (int i = 0; i < row.size(); i++) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		StringBuilder table = new StringBuilder();
		line(table, rows.get(0), widths);
		List<String> rule = new ArrayList<>();
		for (int width : widths) {
			rule.add("-".repeat(width));
		}
		line(table, rule, widths);
		rows.stream().skip(1).forEach((row) -> line(table, row, widths));
		return table.toString();
	}

	/**
	 * A figure as printed: no decimals from 100 up, one below, two below 10.
	 */
	static String number(double value) {
		double magnitude = Math.abs(value);
		String pattern = (magnitude >= 100) ? "%,.0f" : (magnitude >= 10) ? "%.1f" : "%.2f";
		return String.format(Locale.ROOT, pattern, value);
	}

	private static void line(StringBuilder table, List<String> cells, int[] widths) {
		table.append('|');
		for (int i = 0; i < cells.size(); i++) {
			String cell = cells.get(i);
			table.append(' ').append(cell).append(" ".repeat(widths[i] - cell.length())).append(" |");
		}
		table.append('\n');
	}

}
