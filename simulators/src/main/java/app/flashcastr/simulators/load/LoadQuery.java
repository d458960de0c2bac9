package app.flashcastr.simulators.load;

import java.util.Locale;

/**
 * The GraphQL operations the load generator sends, each a named operation so the API's
 * {@code operation_name} label shows them one by one. {@link #key()} is the API's field
 * name, used in {@code LOAD_QUERY_WEIGHTS}.
 */
public enum LoadQuery {

	/** The front page: the latest flashes of everyone. */
	GLOBAL_FLASHES("globalFlashes", false,
			"query LoadGlobalFlashes { globalFlashes(limit: 20) { flash_id city player img ipfs_cid timestamp } }"),

	/** A player's profile page: their linked flashes with the nested flash. */
	FLASHES("flashes", true,
			"query LoadFlashes($fid: Int!) { flashes(fid: $fid, limit: 20) { id flash_id user_username flash { city ipfs_cid timestamp } } }"),

	/** One flash opened from a list. */
	GLOBAL_FLASH("globalFlash", false,
			"query LoadGlobalFlash($id: String!) { globalFlash(flash_id: $id) { flash_id city player img ipfs_cid timestamp } }"),

	/** The leaderboard page (cached by the API). */
	LEADERBOARD("getLeaderboard", false,
			"query LoadLeaderboard { getLeaderboard(limit: 100) { username flash_count city_count } }"),

	/** The trending cities widget (cached by the API). */
	TRENDING_CITIES("getTrendingCities", false,
			"query LoadTrendingCities { getTrendingCities(excludeParis: true, hours: 6) { city count } }"),

	/** The feed with Farcaster users attached. */
	UNIFIED_FLASHES("unifiedFlashes", false,
			"query LoadUnifiedFlashes { unifiedFlashes(limit: 20) { flash_id city player farcaster_user { username } } }"),

	/** A profile's header. */
	FLASHES_SUMMARY("flashesSummary", true,
			"query LoadFlashesSummary($fid: Int!) { flashesSummary(fid: $fid) { flashCount cities } }"),

	/** A profile's activity chart. */
	PROGRESS("progress", true, "query LoadProgress($fid: Int!) { progress(fid: $fid, days: 7) { date count } }"),

	/** User search; also tells the generator which fids exist. */
	USERS("users", false, "query LoadUsers { users { fid username } }"),

	/** The city filter's choices. */
	ALL_CITIES("getAllCities", false, "query LoadAllCities { getAllCities }");

	private final String key;

	private final boolean needsFid;

	private final String document;

	LoadQuery(String key, boolean needsFid, String document) {
		this.key = key;
		this.needsFid = needsFid;
		this.document = document;
	}

	/** The API field name, e.g. {@code globalFlashes}. */
	public String key() {
		return this.key;
	}

	/** The GraphQL operation name, e.g. {@code LoadGlobalFlashes}. */
	public String operationName() {
		int start = this.document.indexOf(' ') + 1;
		int end = start;
		while (end < this.document.length() && Character.isLetterOrDigit(this.document.charAt(end))) {
			end++;
		}
		return this.document.substring(start, end);
	}

	String document() {
		return this.document;
	}

	/** Whether the query needs a signed-up user's fid. */
	boolean needsFid() {
		return this.needsFid;
	}

	/**
	 * The operation for a key of {@code LOAD_QUERY_WEIGHTS}, ignoring case.
	 * @throws IllegalArgumentException listing the known keys
	 */
	static LoadQuery ofKey(String key) {
		for (LoadQuery query : values()) {
			if (query.key.toLowerCase(Locale.ROOT).equals(key.trim().toLowerCase(Locale.ROOT))) {
				return query;
			}
		}
		StringBuilder known = new StringBuilder();
		for (LoadQuery query : values()) {
			known.append((known.isEmpty()) ? "" : ", ").append(query.key);
		}
		throw new IllegalArgumentException("unknown query '" + key + "', known: " + known);
	}

}
