package app.flashcastr.bench.scenario;

import java.time.Duration;
import java.util.List;

import app.flashcastr.bench.report.Figure;

/** One benchmark: a name on the command line, a hard time limit, figures out. */
public interface Benchmark {

	/** The name given on the command line, e.g. {@code relay}. */
	String name();

	/** After this the benchmark is interrupted and its resources closed. */
	Duration timeLimit(BenchContext context);

	/**
	 * Runs it. Never in parallel with another benchmark: the machine has few cores.
	 * @return the figures, each with one sample per run
	 */
	List<Figure> run(BenchContext context) throws Exception;

}
