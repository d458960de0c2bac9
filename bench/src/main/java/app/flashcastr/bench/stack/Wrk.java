package app.flashcastr.bench.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP load generator: Debian's {@code wrk} with fixed threads and connections and a
 * Lua script that POSTs JSON (one body, or one drawn per request) and counts bad
 * responses (status other than 200, or a body with {@code "errors"}). It runs as its own
 * process, so its CPU is not the bench JVM's.
 */
public final class Wrk {

	private static final Pattern PERCENTILE = Pattern
		.compile("^\\s*(50|90|99)(?:\\.0+)?%\\s+([0-9.]+)(us|ms|s|m)\\s*$");

	private static final Pattern THROUGHPUT = Pattern.compile("^Requests/sec:\\s+([0-9.]+)\\s*$");

	private static final Pattern COUNTED = Pattern.compile("^BENCH bad=(\\d+) seen=(\\d+)\\s*$");

	private static final Pattern TIMES = Pattern.compile("^(\\d+)m([0-9.]+)s\\s+(\\d+)m([0-9.]+)s\\s*$");

	private static final Pattern SOCKET_ERRORS = Pattern
		.compile("^\\s*Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)\\s*$");

	private final int threads;

	private final int connections;

	/**
	 * @param threads wrk's {@code -t}
	 * @param connections wrk's {@code -c}, open for the whole run
	 */
	public Wrk(int threads, int connections) {
		this.threads = threads;
		this.connections = connections;
	}

	/** Whether {@code wrk} can be started from the PATH. */
	public static boolean available() {
		try {
			Process process = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			return process.waitFor(5, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Writes the Lua script that POSTs the body as JSON and counts bad responses over all
	 * threads.
	 * @param script where to write it
	 * @param jsonBody the request body
	 */
	public static void writeScript(Path script, String jsonBody) throws IOException {
		writeScript(script, jsonBody, 0);
	}

	/**
	 * As {@link #writeScript(Path, String)}, each connection waiting {@code delayMillis}
	 * after a response before its next request, so that {@code connections} connections
	 * offer about {@code connections * 1000 / (delayMillis + latency)} requests per
	 * second: latency measured at a chosen rate rather than at saturation. Like wrk
	 * itself (not wrk2), it does not correct for coordinated omission.
	 * @param script where to write it
	 * @param jsonBody the request body
	 * @param delayMillis pause per connection between a response and the next request;
	 * {@code 0} for none
	 */
	public static void writeScript(Path script, String jsonBody, int delayMillis) throws IOException {
		if (jsonBody.contains("]==]")) {
			throw new IllegalArgumentException("body cannot be quoted in Lua");
		}
		Files.writeString(script, script("wrk.body = [==[" + jsonBody + "]==]", delayMillis), StandardCharsets.UTF_8);
	}

	/**
	 * The whole script around the part that says what to send.
	 * @param requests Lua that sets {@code wrk.body} or defines {@code request()}
	 * @param delayMillis pause per connection after each response; {@code 0} for none
	 */
	public static String script(String requests, int delayMillis) {
		return """
				-- Written by the bench: POSTs JSON, bad responses counted per thread and summed in done().
				wrk.method = "POST"
				wrk.headers["Content-Type"] = "application/json"
				%s
				local threads = {}
				function setup(thread)
				  table.insert(threads, thread)
				  thread:set("thread_number", #threads)
				end
				function init(args)
				  bad = 0
				  seen = 0
				  math.randomseed(os.time() + 7919 * (thread_number or 0))
				end
				function response(status, headers, body)
				  seen = seen + 1
				  if status ~= 200 or string.find(body, '"errors"', 1, true) then
				    bad = bad + 1
				  end
				end
				%s
				function done(summary, latency, requests)
				  local b, s = 0, 0
				  for _, thread in ipairs(threads) do
				    b = b + thread:get("bad")
				    s = s + thread:get("seen")
				  end
				  io.write(string.format("BENCH bad=%%d seen=%%d\\n", b, s))
				end
				""".formatted(requests, (delayMillis > 0) ? "function delay()\n  return " + delayMillis + "\nend" : "");
	}

	/**
	 * Runs {@code wrk --latency} for the duration and parses its summary; the process is
	 * killed if it overruns by 30 s.
	 * @param url the target
	 * @param script from {@link #writeScript}
	 * @param duration wrk's {@code -d}
	 * @param output where wrk's output is kept
	 */
	public Result run(String url, Path script, Duration duration, Path output)
			throws IOException, InterruptedException {
		// Through sh, whose `times` prints its children's CPU seconds once wrk has
		// exited.
		List<String> command = List.of("sh", "-c", "wrk \"$@\"; rc=$?; echo BENCH-TIMES; times; exit $rc", "sh",
				"-t" + this.threads, "-c" + this.connections, "-d" + duration.toSeconds() + "s", "--timeout", "5s",
				"--latency", "-s", script.toString(), url);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		try {
			if (!process.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("wrk did not finish within " + duration.plusSeconds(30));
			}
		}
		finally {
			if (process.isAlive()) {
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		List<String> lines = Files.readAllLines(output);
		if (process.exitValue() != 0) {
			throw new IllegalStateException("wrk exited with " + process.exitValue() + ": " + String.join("\n", lines));
		}
		return parse(lines);
	}

	static Result parse(List<String> lines) {
		double p50 = Double.NaN;
		double p90 = Double.NaN;
		double p99 = Double.NaN;
		double throughput = Double.NaN;
		long bad = -1;
		long seen = -1;
		long socketErrors = 0;
		double cpuSeconds = Double.NaN;
		int timesLine = -1;
		for (String line : lines) {
			if (line.equals("BENCH-TIMES")) {
				timesLine = 0;
				continue;
			}
			if (timesLine >= 0) {
				// The shell's own times, then its children's (wrk).
				Matcher times = TIMES.matcher(line.trim());
				if (times.matches() && ++timesLine == 2) {
					cpuSeconds = Long.parseLong(times.group(1)) * 60 + Double.parseDouble(times.group(2))
							+ Long.parseLong(times.group(3)) * 60 + Double.parseDouble(times.group(4));
				}
				continue;
			}
			Matcher matcher = PERCENTILE.matcher(line);
			if (matcher.matches()) {
				double millis = millis(Double.parseDouble(matcher.group(2)), matcher.group(3));
				switch (matcher.group(1)) {
					case "50" -> p50 = millis;
					case "90" -> p90 = millis;
					default -> p99 = millis;
				}
				continue;
			}
			matcher = THROUGHPUT.matcher(line);
			if (matcher.matches()) {
				throughput = Double.parseDouble(matcher.group(1));
				continue;
			}
			matcher = COUNTED.matcher(line);
			if (matcher.matches()) {
				bad = Long.parseLong(matcher.group(1));
				seen = Long.parseLong(matcher.group(2));
				continue;
			}
			matcher = SOCKET_ERRORS.matcher(line);
			if (matcher.matches()) {
				for (int group = 1; group <= 4; group++) {
					socketErrors += Long.parseLong(matcher.group(group));
				}
			}
		}
		if (Double.isNaN(throughput) || Double.isNaN(p99) || seen < 0) {
			throw new IllegalStateException("unexpected wrk output:\n" + String.join("\n", lines));
		}
		return new Result(throughput, p50, p90, p99, bad, seen, socketErrors, cpuSeconds);
	}

	private static double millis(double value, String unit) {
		return switch (unit.toLowerCase(Locale.ROOT)) {
			case "us" -> value / 1000;
			case "ms" -> value;
			case "s" -> value * 1000;
			default -> value * 60_000;
		};
	}

	/**
	 * One wrk run's summary.
	 *
	 * @param requestsPerSecond wrk's {@code Requests/sec}
	 * @param p50 latency percentiles in milliseconds
	 * @param p90 90th percentile, ms
	 * @param p99 99th percentile, ms
	 * @param bad responses that were not 200 or carried GraphQL errors
	 * @param responses responses seen by the script
	 * @param socketErrors connect, read, write and timeout errors
	 * @param cpuSeconds CPU seconds wrk used (user and system), NaN if unknown
	 */
	public record Result(double requestsPerSecond, double p50, double p90, double p99, long bad, long responses,
			long socketErrors, double cpuSeconds) {
	}

}
