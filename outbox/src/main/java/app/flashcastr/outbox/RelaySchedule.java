package app.flashcastr.outbox;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the relay on its own, so entries left by an outage drain without waiting for the
 * service's next write (off with {@code flashcastr.outbox.enabled=false}). Its own
 * scheduler thread, so a long drain never delays the service's schedules. The outbox
 * gauges are read when scraped ({@link OutboxGauges}), not here.
 */
class RelaySchedule implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RelaySchedule.class);

	private final OutboxRelay relay;

	private final OutboxProperties settings;

	private ScheduledExecutorService executor;

	RelaySchedule(OutboxRelay relay, OutboxProperties settings) {
		this.relay = relay;
		this.settings = settings;
	}

	@Override
	public synchronized void start() {
		// A context can be stopped and started again (Spring's test framework pauses idle
		// contexts): reopen what the last stop closed.
		this.relay.reopen();
		this.executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("outbox-relay").daemon().factory());
		if (this.settings.enabled()) {
			long poll = this.settings.pollInterval().toMillis();
			this.executor.scheduleWithFixedDelay(this::poll, poll, poll, TimeUnit.MILLISECONDS);
		}
	}

	private void poll() {
		try {
			this.relay.drain();
		}
		catch (RuntimeException ex) {
			logger.warn("Outbox relay poll failed: {}", ex.toString());
		}
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdown();
			try {
				// Let a drain in progress finish its batch: it commits or rolls back,
				// never half-publishes.
				this.executor.awaitTermination(this.settings.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.executor = null;
		}
		this.relay.close(this.settings.confirmTimeout());
	}

	@Override
	public int getPhase() {
		// Stops after the services' own writers (listener containers, batch writers), so
		// their last entries can
		// still be published, and before the connections close.
		return SmartLifecycle.DEFAULT_PHASE - 2000;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
