package app.flashcastr.api.trending;

import java.time.LocalDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.flashcastr.api.metrics.QueryTimer;

/** SQL of the trending cities: flashes per city since a moment. */
@Repository
class TrendingRepository {

	private static final String SQL = """
			SELECT city, COUNT(*)::int AS count
			FROM flashes
			WHERE timestamp >= ? AND city IS NOT NULL%s
			GROUP BY city
			ORDER BY count DESC, city
			LIMIT 10""";

	private final JdbcClient jdbc;

	private final QueryTimer timer;

	TrendingRepository(JdbcClient jdbc, QueryTimer timer) {
		this.jdbc = jdbc;
		this.timer = timer;
	}

	/**
	 * The 10 cities with the most flashes since a moment.
	 * @param since UTC, as {@code flashes.timestamp} holds it
	 * @param excludeParis whether Paris is left out
	 * @return the cities, most flashes first
	 */
	List<TrendingCity> topCities(LocalDateTime since, boolean excludeParis) {
		String sql = SQL.formatted(excludeParis ? " AND LOWER(city) <> 'paris'" : "");
		return this.timer.time("trending_cities",
				() -> this.jdbc.sql(sql)
					.param(since)
					.query((rs, row) -> new TrendingCity(rs.getString("city"), rs.getInt("count")))
					.list());
	}

}
