package app.flashcastr.bench.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultTableTests {

	private final Machine machine = new Machine("host", "CPU", 2, 24_000, "Eclipse Adoptium 25+36");

	@Test
	void rendersMedianSpreadAndMachineAsAlignedMarkdown() {
		Figure figure = new Figure("relay", "outbox → RabbitMQ", "msg/s", List.of(15_000.0, 12_000.0, 18_500.0),
				"≥ 15,000");

		String table = ResultTable.render(List.of(figure), this.machine);

		List<String> lines = table.lines().toList();
		assertThat(lines).hasSize(3);
		assertThat(lines.get(0)).startsWith("| Benchmark").contains("| Median", "| Min–max", "| JDK", "| Cores");
		assertThat(lines.get(1)).matches("\\|[-| ]+\\|");
		assertThat(lines.get(2)).contains("| relay", "| 15,000 ", "| 12,000–18,500 ", "| 3 ", "| ≥ 15,000", "| 25+36 ",
				"| 2 ");
		assertThat(lines).allSatisfy((line) -> assertThat(line).hasSameSizeAs(lines.get(0)));
	}

	@Test
	void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
		Figure figure = new Figure("b", "f", "s", List.of(4.0, 1.0, 3.0, 2.0), null);

		assertThat(figure.median()).isEqualTo(2.5);
		assertThat(ResultTable.number(figure.median())).isEqualTo("2.50");
		assertThat(ResultTable.number(42.25)).isEqualTo("42.3");
	}

}
