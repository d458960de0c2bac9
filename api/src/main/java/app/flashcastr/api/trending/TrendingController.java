package app.flashcastr.api.trending;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import app.flashcastr.api.cache.CacheProperties;
import app.flashcastr.api.cache.CountedCache;
import app.flashcastr.api.errors.ApiErrorType;
import app.flashcastr.api.errors.ApiException;
import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * Query {@code getTrendingCities(excludeParis, hours)}: the 10 cities with the most
 * flashes in the last {@code hours} (1..168), cached per (excludeParis, hours) for
 * {@code flashcastr.api.cache.trending-cities-ttl} (24 h, as upstream).
 */
@Controller
class TrendingController {

	static final int MAX_HOURS = 168;

	private final TrendingRepository cities;

	private final Clock clock;

	private final CountedCache<Key, List<TrendingCity>> cache;

	TrendingController(TrendingRepository cities, ObjectProvider<Clock> clock, CacheProperties caches,
			ServiceMeters meters) {
		this.cities = cities;
		this.clock = clock.getIfUnique(Clock::systemUTC);
		this.cache = new CountedCache<>("trending_cities", caches.trendingCitiesTtl(), caches.maximumSize(), meters);
	}

	@QueryMapping
	List<TrendingCity> getTrendingCities(@Argument Boolean excludeParis, @Argument Integer hours) {
		int window = (hours != null) ? hours : 6;
		if (window < 1 || window > MAX_HOURS) {
			throw new ApiException(ApiErrorType.BAD_USER_INPUT, "hours must be between 1 and " + MAX_HOURS);
		}
		return this.cache.get(new Key(!Boolean.FALSE.equals(excludeParis), window), this::load);
	}

	private List<TrendingCity> load(Key key) {
		LocalDateTime since = LocalDateTime.ofInstant(this.clock.instant().minus(Duration.ofHours(key.hours())),
				ZoneOffset.UTC);
		return this.cities.topCities(since, key.excludeParis());
	}

	private record Key(boolean excludeParis, int hours) {
	}

}
