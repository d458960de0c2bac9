package app.flashcastr.api.metrics;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import app.flashcastr.observability.logging.Causes;
import app.flashcastr.observability.metrics.ServiceMeters;

/**
 * The gauges {@code flashcastr_api_active_users_total} (users not deleted) and
 * {@code flashcastr_api_total_flashes} (linked user flashes not deleted), recomputed in
 * the background every {@code flashcastr.api.metrics.gauge-refresh} so a scrape never
 * waits on the database.
 */
@Component
public class UsageGauges implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(UsageGauges.class);

	private final UsageRepository usage;

	private final MetricsProperties properties;

	private final AtomicLong activeUsers = new AtomicLong();

	private final AtomicLong totalFlashes = new AtomicLong();

	private volatile ScheduledExecutorService scheduler;

	UsageGauges(UsageRepository usage, ServiceMeters meters, MetricsProperties properties) {
		this.usage = usage;
		this.properties = properties;
		meters.gauge("active_users_total", "Users not deleted", this.activeUsers, AtomicLong::get);
		meters.gauge("total_flashes", "Linked user flashes not deleted", this.totalFlashes, AtomicLong::get);
	}

	/** Recomputes both gauges now. */
	public void refresh() {
		try {
			this.activeUsers.set(this.usage.activeUsers());
			this.totalFlashes.set(this.usage.totalFlashes());
		}
		catch (RuntimeException ex) {
			// Keep the last values; the next refresh tries again.
			logger.warn("Could not refresh the user gauges: {}", Causes.describe(ex));
		}
	}

	@Override
	public void start() {
		if (!this.properties.gaugesEnabled()) {
			return;
		}
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("api-usage-gauges").factory());
		long period = this.properties.gaugeRefresh().toMillis();
		executor.scheduleWithFixedDelay(this::refresh, 0, period, TimeUnit.MILLISECONDS);
		this.scheduler = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		if (executor != null) {
			executor.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
