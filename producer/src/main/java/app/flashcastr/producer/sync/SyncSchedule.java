package app.flashcastr.producer.sync;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import app.flashcastr.producer.ProducerProperties;

/**
 * Runs the sync every {@code invaders.bot.sync.interval} (fixed delay, so runs never
 * overlap), once right at start-up as upstream does. Off with
 * {@code invaders.bot.sync.enabled=false} (tests drive {@link FlashSync} directly): read
 * when the schedule starts, not in a condition, since Spring AOT fixes conditions when
 * the jar is built.
 * <p>
 * The first run waits for the application to be ready: until the context is refreshed,
 * Boot has not yet connected the tracing scopes to the logging MDC, so a run started with
 * the lifecycle would log without its trace id.
 */
@Component
class SyncSchedule implements SmartLifecycle, ApplicationListener<ApplicationReadyEvent> {

	private final FlashSync sync;

	private final TaskScheduler scheduler;

	private final ProducerProperties.Sync settings;

	private ScheduledFuture<?> task;

	private boolean running;

	private boolean ready;

	SyncSchedule(FlashSync sync, TaskScheduler scheduler, ProducerProperties properties) {
		this.sync = sync;
		this.scheduler = scheduler;
		this.settings = properties.sync();
	}

	@Override
	public synchronized void start() {
		this.running = true;
		// A context stopped and started again (tests) is ready already.
		if (this.ready) {
			schedule();
		}
	}

	@Override
	public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
		this.ready = true;
		if (this.running && this.task == null) {
			schedule();
		}
	}

	private void schedule() {
		if (!this.settings.enabled()) {
			return;
		}
		Instant first = this.settings.runAtStartup() ? Instant.now() : Instant.now().plus(this.settings.interval());
		this.task = this.scheduler.scheduleWithFixedDelay(this.sync::runOnce, first, this.settings.interval());
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		if (this.task != null) {
			this.task.cancel(false);
			this.task = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.running;
	}

}
