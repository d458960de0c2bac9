package app.flashcastr.observability.metrics;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Creates the service's own meters with its Prometheus prefix (e.g.
 * {@code invaders_bot}), so that the exported names are exactly those of the metric
 * contract. Every name was checked by scraping {@code /actuator/prometheus} (see
 * {@code PrometheusScrapeTests}):
 * <ul>
 * <li>{@link #counter} {@code flashes_new} → {@code invaders_bot_flashes_new_total};</li>
 * <li>{@link #gauge} {@code last_flash_count} →
 * {@code invaders_bot_last_flash_count};</li>
 * <li>{@link #histogram} {@code sync_duration} →
 * {@code invaders_bot_sync_duration_seconds_bucket/_count/_sum} with exactly the given
 * {@code le} buckets plus {@code +Inf} (and a {@code _max} gauge Micrometer adds);</li>
 * <li>{@link #summaryHistogram} {@code size}, unit {@code bytes} →
 * {@code invaders_bot_size_bytes_bucket/...}.</li>
 * </ul>
 * Tags are given as key/value pairs:
 * {@code counter("api_calls", "feed calls", "result", "success")}. Asking twice for the
 * same name and tags returns the same meter, so callers may cache the meter or ask again.
 */
public final class ServiceMeters {

	private static final Pattern SUFFIX = Pattern.compile("[a-z][a-z0-9_]*");

	private static final String TOTAL = "_total";

	private final String prefix;

	private final MeterRegistry registry;

	/**
	 * @param prefix the service's Prometheus prefix, e.g. {@code invaders_bot}
	 * @param registry where the meters are registered
	 */
	public ServiceMeters(String prefix, MeterRegistry registry) {
		if (prefix == null || !SUFFIX.matcher(prefix).matches()) {
			throw new IllegalArgumentException("metric prefix must match [a-z][a-z0-9_]*, got " + prefix);
		}
		this.prefix = prefix;
		this.registry = Objects.requireNonNull(registry, "registry");
	}

	/**
	 * The service's Prometheus prefix.
	 * @return e.g. {@code invaders_bot}
	 */
	public String prefix() {
		return this.prefix;
	}

	/**
	 * The full meter name of a suffix.
	 * @param suffix e.g. {@code flashes_new}
	 * @return prefix + "_" + suffix, e.g. {@code invaders_bot_flashes_new}
	 */
	public String name(String suffix) {
		if (suffix == null || !SUFFIX.matcher(suffix).matches()) {
			throw new IllegalArgumentException("metric suffix must match [a-z][a-z0-9_]*, got " + suffix);
		}
		return this.prefix + "_" + suffix;
	}

	/**
	 * A counter exported as {@code <prefix>_<suffix>_total}.
	 * @param suffix name without {@code _total} (a trailing {@code _total} is tolerated:
	 * Prometheus adds it once)
	 * @param description help text
	 * @param tags key/value pairs
	 * @return the registered counter
	 */
	public Counter counter(String suffix, String description, String... tags) {
		return Counter.builder(name(withoutTotal(suffix))).description(description).tags(tags).register(this.registry);
	}

	/**
	 * A gauge exported exactly as {@code <prefix>_<suffix>}. The registry keeps
	 * {@code obj} strongly, so a gauge never turns into NaN because its state object was
	 * garbage collected.
	 * <p>
	 * A suffix ending in {@code _total} (the contract's
	 * {@code flashcastr_api_active_users_total}) cannot be a Prometheus gauge with this
	 * client: prometheus-metrics 1.x rejects gauge names with the reserved {@code _total}
	 * suffix, and Micrometer strips it (the scrape shows
	 * {@code flashcastr_api_active_users}). To keep the exact series name dashboards
	 * query, such a gauge is registered as a function counter whose value is read from
	 * {@code value} on each scrape: the sample is {@code <prefix>_<suffix>} (ending in
	 * {@code _total}) with the current value, only its {@code # TYPE} line says
	 * {@code counter}. The returned {@link Gauge} reads that meter.
	 * @param <T> type of the state object
	 * @param suffix name of the gauge
	 * @param description help text
	 * @param obj state object
	 * @param value reads the gauge value from {@code obj}
	 * @param tags key/value pairs
	 * @return the registered gauge
	 */
	public <T> Gauge gauge(String suffix, String description, T obj, ToDoubleFunction<T> value, String... tags) {
		String name = name(suffix);
		if (suffix.endsWith(TOTAL)) {
			FunctionCounter counter = FunctionCounter.builder(name(withoutTotal(suffix)), obj, value)
				.description(description)
				.tags(tags)
				.register(this.registry);
			return new FunctionCounterGauge(counter);
		}
		return Gauge.builder(name, obj, value)
			.description(description)
			.tags(tags)
			.strongReference(true)
			.register(this.registry);
	}

	/**
	 * A timer exported as a Prometheus histogram {@code <prefix>_<suffix>_seconds} with
	 * exactly the given buckets (plus {@code +Inf}), no percentile histogram. Buckets
	 * carry exemplars when a sampled trace is current.
	 * @param suffix name without {@code _seconds}
	 * @param description help text
	 * @param bucketsSeconds upper bounds of the buckets, in seconds
	 * @param tags key/value pairs
	 * @return the registered timer
	 */
	public Timer histogram(String suffix, String description, double[] bucketsSeconds, String... tags) {
		Duration[] slos = Arrays.stream(requireBuckets(bucketsSeconds))
			.mapToObj((seconds) -> Duration.ofNanos(Math.round(seconds * 1_000_000_000d)))
			.toArray(Duration[]::new);
		return Timer.builder(name(withoutSuffix(suffix, "_seconds")))
			.description(description)
			.tags(tags)
			.serviceLevelObjectives(slos)
			.publishPercentileHistogram(false)
			.register(this.registry);
	}

	/**
	 * A distribution summary exported as a Prometheus histogram
	 * {@code <prefix>_<suffix>_<baseUnit>} with exactly the given buckets (plus
	 * {@code +Inf}).
	 * @param suffix name without the unit
	 * @param description help text
	 * @param baseUnit base unit appended to the name, e.g. {@code bytes}; {@code null}
	 * for none
	 * @param buckets upper bounds of the buckets, in the base unit
	 * @param tags key/value pairs
	 * @return the registered summary
	 */
	public DistributionSummary summaryHistogram(String suffix, String description, String baseUnit, double[] buckets,
			String... tags) {
		String bare = (baseUnit != null) ? withoutSuffix(suffix, "_" + baseUnit) : suffix;
		return DistributionSummary.builder(name(bare))
			.description(description)
			.baseUnit(baseUnit)
			.tags(tags)
			.serviceLevelObjectives(requireBuckets(buckets))
			.publishPercentileHistogram(false)
			.register(this.registry);
	}

	/**
	 * The registry the meters live in, for what this class does not cover.
	 * @return the meter registry
	 */
	public MeterRegistry registry() {
		return this.registry;
	}

	private static String withoutTotal(String suffix) {
		return withoutSuffix(suffix, TOTAL);
	}

	private static String withoutSuffix(String suffix, String end) {
		if (suffix != null && suffix.endsWith(end) && suffix.length() > end.length()) {
			return suffix.substring(0, suffix.length() - end.length());
		}
		return suffix;
	}

	private static double[] requireBuckets(double[] buckets) {
		if (buckets == null || buckets.length == 0) {
			throw new IllegalArgumentException("at least one bucket is required");
		}
		for (double bucket : buckets) {
			if (!(bucket > 0) || Double.isInfinite(bucket)) {
				throw new IllegalArgumentException("buckets must be positive and finite, got " + bucket);
			}
		}
		return buckets.clone();
	}

	/**
	 * A {@link Gauge} view of a function counter, for gauges whose contract name ends in
	 * {@code _total}.
	 */
	private record FunctionCounterGauge(FunctionCounter counter) implements Gauge {

		@Override
		public double value() {
			return this.counter.count();
		}

		@Override
		public Meter.Id getId() {
			return this.counter.getId();
		}

	}

}
