package app.flashcastr.producer.cast;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The retry worker: every {@code invaders.bot.cast.retry-interval} it makes the casts
 * that are due (failed earlier, Neynar was down, the producer restarted mid-cast), a
 * batch at a time, and refreshes the backlog gauge.
 */
@Component
class CastRetrySchedule {

	private static final Logger logger = LoggerFactory.getLogger(CastRetrySchedule.class);

	private final AutoCaster caster;

	private final CastLinks links;

	private final CastMetrics metrics;

	CastRetrySchedule(AutoCaster caster, CastLinks links, CastMetrics metrics) {
		this.caster = caster;
		this.links = links;
		this.metrics = metrics;
	}

	@Scheduled(initialDelayString = "${invaders.bot.cast.retry-interval:30s}",
			fixedDelayString = "${invaders.bot.cast.retry-interval:30s}")
	void run() {
		try {
			int attempted = this.caster.castDue();
			if (attempted > 0) {
				logger.info("Retry worker attempted {} due cast(s)", attempted);
			}
			this.metrics.pending(this.links.pending());
		}
		catch (DataAccessException ex) {
			// The database is down: the next run tries again, nothing is lost.
			logger.warn("Cast retry run skipped: database unavailable ({})", ex.getMostSpecificCause().getMessage());
		}
	}

}
