package app.flashcastr.bench.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import app.flashcastr.simulators.load.LoadGeneratorSettings;
import app.flashcastr.simulators.load.LoadQuery;

/**
 * The {@code request()} part of the wrk scripts of {@code api-varied}: the seeded data as
 * Lua tables, then {@code varied-traffic.lua}, which draws every request's arguments from
 * them (users by their links, flash ids alike, pages and filters, the load generator's
 * mix).
 */
final class VariedTraffic {

	private static final String SCRIPT = "varied-traffic.lua";

	private VariedTraffic() {
	}

	/**
	 * Lua defining {@code request()} for the traffic in the form, on the seeded data.
	 * @param seed what the database holds
	 */
	static String requestLua(Api.Seed seed, Traffic traffic, Form form) {
		List<Integer> fids = new ArrayList<>(seed.linksPerFid().keySet());
		List<long[]> runs = runs(seed.flashIds());
		Map<LoadQuery, Integer> mix = LoadGeneratorSettings.REALISTIC_WEIGHTS;
		List<LoadQuery> mixQueries = mix.keySet().stream().filter((query) -> mix.get(query) > 0).toList();
		StringBuilder lua = new StringBuilder();
		lua.append("-- The seeded data and what to send, written by the bench.\n");
		lua.append("literal = ").append(form == Form.LITERAL).append('\n');
		lua.append("traffic = \"").append(traffic.key()).append("\"\n");
		lua.append("fids = ").append(table(fids, Object::toString)).append('\n');
		lua.append("fid_weights = ").append(table(fids, (fid) -> seed.linksPerFid().get(fid).toString())).append('\n');
		lua.append("flash_starts = ").append(table(runs, (run) -> Long.toString(run[0]))).append('\n');
		lua.append("flash_counts = ").append(table(runs, (run) -> Long.toString(run[1]))).append('\n');
		lua.append("cities = ").append(table(seed.cities(), VariedTraffic::string)).append('\n');
		lua.append("players = ").append(table(seed.players(), VariedTraffic::string)).append('\n');
		lua.append("mix_queries = ").append(table(mixQueries, (query) -> string(query.key()))).append('\n');
		lua.append("mix_weights = ").append(table(mixQueries, (query) -> mix.get(query).toString())).append('\n');
		lua.append(script());
		return lua.toString();
	}

	/**
	 * Runs of consecutive ids as {start, count}, so every id can be drawn from a few
	 * numbers.
	 */
	static List<long[]> runs(List<Long> ids) {
		List<Long> sorted = ids.stream().sorted().distinct().toList();
		List<long[]> runs = new ArrayList<>();
		for (long id : sorted) {
			long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
			if (last != null && last[0] + last[1] == id) {
				last[1]++;
			}
			else {
				runs.add(new long[] { id, 1 });
			}
		}
		return runs;
	}

	/** Whether a name can go into a document and a JSON body as it is. */
	static boolean safeName(String name) {
		return name != null && !name.isEmpty() && name.matches("[\\p{L}\\p{N} _.-]+");
	}

	private static String string(String value) {
		if (!safeName(value)) {
			throw new IllegalArgumentException("not a safe name: " + value);
		}
		return '"' + value + '"';
	}

	private static <T> String table(List<T> values, Function<T, String> lua) {
		return values.stream().map(lua).collect(Collectors.joining(", ", "{", "}"));
	}

	private static String script() {
		try (InputStream in = VariedTraffic.class.getResourceAsStream(SCRIPT)) {
			if (in == null) {
				throw new IllegalStateException(SCRIPT + " is missing from the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What is asked, with the goal of issue 14 (whole-answer cache off, arguments
	 * varying).
	 */
	enum Traffic {

		/** flashes(fid, limit: 20) with nested flash, fid drawn by the users' links. */
		FLASHES("flashes", "flashes(fid) by links", "≥ 5,000", "≤ 20"),

		/** globalFlash(flash_id), every id alike. */
		GLOBAL_FLASH("globalFlash", "globalFlash(any id)", "≥ 10,000", "≤ 10"),

		GLOBAL_FLASHES("globalFlashes",
				"globalFlashes(limit: 20): 60 % pages 1–50, 20 % a city (pages 1–2), 20 % a player", "≥ 6,000", "≤ 15"),

		/** getLeaderboard(limit: 10, 20, … 100). */
		LEADERBOARD("getLeaderboard", "getLeaderboard(limit)", "≥ 10,000", ""),

		/** The load generator's realistic weights, each query's arguments drawn. */
		MIX("mix", "load generator's mix", "≥ 6,000", "");

		private final String key;

		private final String label;

		private final String throughputGoal;

		private final String p99Goal;

		Traffic(String key, String label, String throughputGoal, String p99Goal) {
			this.key = key;
			this.label = label;
			this.throughputGoal = throughputGoal;
			this.p99Goal = p99Goal;
		}

		/** The root field the script sends, or {@code mix}. */
		String key() {
			return this.key;
		}

		String label() {
			return this.label;
		}

		String throughputGoal() {
			return this.throughputGoal;
		}

		String p99Goal() {
			return this.p99Goal;
		}

		/** The rate the p99 goal applies at; 0 if none. */
		int goalRate() {
			return this.p99Goal.isEmpty() ? 0 : Integer.parseInt(this.throughputGoal.replaceAll("[^0-9]", ""));
		}

	}

	/** How the arguments travel. */
	enum Form {

		/** In the document: every request a new document to parse and validate. */
		LITERAL("literal"),

		/**
		 * One named document, the arguments in {@code variables}, as Apollo-style clients
		 * send.
		 */
		VARIABLES("variables");

		private final String label;

		Form(String label) {
			this.label = label;
		}

		String label() {
			return this.label;
		}

	}

}
