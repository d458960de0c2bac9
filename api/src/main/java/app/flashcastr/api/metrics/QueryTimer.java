package app.flashcastr.api.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * Times database queries into
 * {@code flashcastr_api_database_query_duration_seconds{query_type}}. Query types are
 * constants of the calling code, never values from a request.
 */
@Component
public class QueryTimer {

	private static final double[] BUCKETS = { 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1 };

	private final ServiceMeters meters;

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	QueryTimer(ServiceMeters meters) {
		this.meters = meters;
	}

	/**
	 * Runs and times one query.
	 * @param <T> result type
	 * @param queryType a constant such as {@code global_flashes}
	 * @param query the query
	 * @return the query's result
	 */
	public <T> T time(String queryType, Supplier<T> query) {
		Timer timer = this.timers.computeIfAbsent(queryType, (type) -> this.meters.histogram("database_query_duration",
				"Duration of the API's database queries", BUCKETS, "query_type", type));
		long start = System.nanoTime();
		try {
			return query.get();
		}
		finally {
			timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		}
	}

}
