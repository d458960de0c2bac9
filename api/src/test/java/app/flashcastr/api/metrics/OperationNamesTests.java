package app.flashcastr.api.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OperationNamesTests {

	@Test
	void namesBeyondTheCapAndImplausibleNamesBecomeOther() {
		OperationNames names = new OperationNames(2);
		assertThat(names.label("query", null)).isEqualTo("anonymous");
		assertThat(names.label("query", "A")).isEqualTo("A");
		assertThat(names.label("query", "B")).isEqualTo("B");
		assertThat(names.label("query", "C")).isEqualTo("other");
		assertThat(names.label("query", "A")).isEqualTo("A");
		assertThat(names.label("mutation", "A")).isEqualTo("other");
		assertThat(names.label("query", "x".repeat(100))).isEqualTo("other");
		assertThat(names.label("query", "bad name")).isEqualTo("other");
	}

}
