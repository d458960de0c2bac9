package app.flashcastr.observability.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The services' exemplar policy: only histogram buckets carry exemplars, so an operator
 * clicking from a latency panel lands on a trace, while counters carry none (a counter's
 * last sampled trace says nothing about its rate, and Debian's Prometheus 2.42 rejects
 * the whole scrape for some of them). Micrometer samples an exemplar for every counter
 * and offers no switch per meter type, so the exposition drops them here, at scrape time;
 * histograms and summaries pass unchanged (summaries' {@code _count} exemplars stay off
 * through {@code exemplarsOnAllMetricTypes=false}).
 */
final class HistogramExemplarsOnly extends PrometheusRegistry {

	@Override
	public MetricSnapshots scrape(PrometheusScrapeRequest request) {
		return withoutCounterExemplars(super.scrape(request));
	}

	@Override
	public MetricSnapshots scrape(Predicate<String> includedNames, PrometheusScrapeRequest request) {
		if (includedNames == null) {
			// Delegates to scrape(request), which already applies the policy.
			return super.scrape(null, request);
		}
		return withoutCounterExemplars(super.scrape(includedNames, request));
	}

	static MetricSnapshots withoutCounterExemplars(MetricSnapshots snapshots) {
		List<MetricSnapshot> result = null;
		for (int i = 0; i < snapshots.size(); i++) {
			MetricSnapshot snapshot = snapshots.get(i);
			MetricSnapshot kept = (snapshot instanceof CounterSnapshot counter) ? withoutExemplars(counter) : snapshot;
			if (kept != snapshot && result == null) {
				result = new ArrayList<>(snapshots.size());
				for (int j = 0; j < i; j++) {
					result.add(snapshots.get(j));
				}
			}
			if (result != null) {
				result.add(kept);
			}
		}
		return (result != null) ? new MetricSnapshots(result) : snapshots;
	}

	private static MetricSnapshot withoutExemplars(CounterSnapshot counter) {
		if (counter.getDataPoints().stream().allMatch((point) -> point.getExemplar() == null)) {
			return counter;
		}
		List<CounterDataPointSnapshot> points = new ArrayList<>(counter.getDataPoints().size());
		for (CounterDataPointSnapshot point : counter.getDataPoints()) {
			points.add(new CounterDataPointSnapshot(point.getValue(), point.getLabels(), null,
					point.hasCreatedTimestamp() ? point.getCreatedTimestampMillis() : 0L,
					point.hasScrapeTimestamp() ? point.getScrapeTimestampMillis() : 0L));
		}
		return new CounterSnapshot(counter.getMetadata(), points);
	}

}
