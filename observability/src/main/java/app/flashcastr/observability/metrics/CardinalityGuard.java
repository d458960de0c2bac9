package app.flashcastr.observability.metrics;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the distinct tag combinations of each of the service's own meters (names starting
 * with its prefix): beyond the cap, new combinations are denied (the caller gets a no-op
 * meter), a WARN is logged once per meter name and
 * {@code <prefix>_metrics_cardinality_denied_total{meter}} counts every denied
 * registration. A label fed by ids or names would otherwise grow the scrape without bound
 * and trip Prometheus's {@code sample_limit}.
 */
public final class CardinalityGuard implements MeterFilter, MeterBinder {

	private static final Logger logger = LoggerFactory.getLogger(CardinalityGuard.class);

	private final String namePrefix;

	private final String deniedCounterName;

	private final int maxTagCombinations;

	private final Map<String, Set<List<Tag>>> combinationsByName = new ConcurrentHashMap<>();

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	private volatile MeterRegistry registry;

	/**
	 * @param prefix the service's Prometheus prefix
	 * @param maxTagCombinations distinct tag combinations allowed per meter name
	 */
	public CardinalityGuard(String prefix, int maxTagCombinations) {
		if (maxTagCombinations < 1) {
			throw new IllegalArgumentException("maxTagCombinations must be at least 1, got " + maxTagCombinations);
		}
		this.namePrefix = prefix + "_";
		this.deniedCounterName = prefix + "_metrics_cardinality_denied";
		this.maxTagCombinations = maxTagCombinations;
	}

	@Override
	public MeterFilterReply accept(Meter.Id id) {
		String name = id.getName();
		if (!name.startsWith(this.namePrefix) || name.equals(this.deniedCounterName)) {
			return MeterFilterReply.NEUTRAL;
		}
		Set<List<Tag>> seen = this.combinationsByName.computeIfAbsent(name, (key) -> ConcurrentHashMap.newKeySet());
		List<Tag> combination = id.getTags();
		if (seen.contains(combination)) {
			return MeterFilterReply.NEUTRAL;
		}
		synchronized (seen) {
			if (seen.contains(combination) || seen.size() < this.maxTagCombinations) {
				seen.add(combination);
				return MeterFilterReply.NEUTRAL;
			}
		}
		denied(name);
		return MeterFilterReply.DENY;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
	}

	private void denied(String name) {
		if (this.warned.add(name)) {
			logger.warn("Meter {} reached {} tag combinations: new combinations are dropped; check its labels for "
					+ "unbounded values", name, this.maxTagCombinations);
		}
		MeterRegistry target = this.registry;
		if (target != null) {
			target.counter(this.deniedCounterName, "meter", name).increment();
		}
	}

}
