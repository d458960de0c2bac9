package app.flashcastr.localinfra;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CommandTests {

	@Test
	void returnsOutputAndErrorsTogether() {
		assertThat(Command.run(List.of("sh", "-c", "echo out; echo err >&2"), "sh", Duration.ofSeconds(10)))
			.contains("out", "err");
	}

	@Test
	void aNonZeroExitFailsWithTheOutput() {
		assertThatExceptionOfType(Command.Failed.class)
			.isThrownBy(() -> Command.run(List.of("sh", "-c", "echo no such vhost; exit 3"), "tool delete",
					Duration.ofSeconds(10)))
			.withMessage("tool delete exited with 3: no such vhost");
	}

	@Test
	void aMissingProgramFailsNamingTheCommand() {
		assertThatExceptionOfType(Command.Failed.class)
			.isThrownBy(() -> Command.run(List.of("/nonexistent/tool"), "tool", Duration.ofSeconds(10)))
			.withMessageStartingWith("tool: ");
	}

}
