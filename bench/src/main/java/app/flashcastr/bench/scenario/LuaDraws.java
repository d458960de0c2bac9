package app.flashcastr.bench.scenario;

import java.util.ArrayList;
import java.util.List;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * A wrk script run outside wrk, in luaj, to see the requests it would send: the bench
 * checks a sample against the API before the load, and the tests check the draws. wrk's
 * {@code wrk.format} is replaced by one that returns the body.
 */
final class LuaDraws {

	private final LuaValue request;

	/**
	 * Loads the script and runs its {@code init}, then seeds its random generator.
	 * @param script a whole wrk script, e.g. from {@code Wrk.script}
	 * @param seed the random generator's seed, so a test sees the same draws every time
	 */
	LuaDraws(String script, long seed) {
		Globals globals = JsePlatform.standardGlobals();
		globals
			.load("wrk = { headers = {}, format = function(method, path, headers, body) return body end }",
					"wrk-stand-in")
			.call();
		globals.load(script, "script").call();
		LuaValue init = globals.get("init");
		if (init.isfunction()) {
			init.call(new LuaTable());
		}
		globals.get("math").get("randomseed").call(LuaValue.valueOf(seed));
		this.request = globals.get("request");
		if (!this.request.isfunction()) {
			throw new IllegalArgumentException("the script defines no request()");
		}
	}

	/** The next request body. */
	String next() {
		return this.request.call().tojstring();
	}

	/** The next {@code count} request bodies. */
	List<String> next(int count) {
		List<String> bodies = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			bodies.add(next());
		}
		return bodies;
	}

}
