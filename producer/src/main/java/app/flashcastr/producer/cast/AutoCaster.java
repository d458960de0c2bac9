package app.flashcastr.producer.cast;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import app.flashcastr.contracts.retry.Backoff;
import app.flashcastr.neynar.NeynarException;
import app.flashcastr.neynar.SignerCipher;
import app.flashcastr.neynar.SignerDecryptionException;
import app.flashcastr.observability.logging.Causes;
import app.flashcastr.producer.cast.CastLinks.DueCast;
import app.flashcastr.producer.cast.NeynarCasts.PublishedCast;

/**
 * Makes due casts through Neynar, each with its flash's idempotency key, and records the
 * outcome: the hash on success; on failure a later attempt with backoff (Neynar down or
 * 5xx, 429 honouring {@code Retry-After}); a refused signer turns the user's auto-cast
 * off once instead of retrying forever.
 */
@Component
class AutoCaster {

	private static final Logger logger = LoggerFactory.getLogger(AutoCaster.class);

	/** Signers Neynar can still cast with: anything else is the user's to fix. */
	private static final String APPROVED = "approved";

	private final CastProperties properties;

	private final CastLinks links;

	private final NeynarCasts neynar;

	private final CastMetrics metrics;

	private final SignerCipher cipher;

	/**
	 * Neynar asked us to stop (429) or is down: nothing is sent before this
	 * ({@link System#nanoTime()}; the database's clock decides when rows are due).
	 */
	private volatile long pausedUntilNanos = System.nanoTime();

	private volatile boolean warnedUnconfigured;

	AutoCaster(CastProperties properties, CastLinks links, NeynarCasts neynar, CastMetrics metrics) {
		this.properties = properties;
		this.links = links;
		this.neynar = neynar;
		this.metrics = metrics;
		this.cipher = properties.hasSignerKey() ? new SignerCipher(properties.signerEncryptionKey()) : null;
	}

	/**
	 * Casts one flash now if it is due (the pin event's path).
	 * @param flashId the flash
	 */
	void castNow(long flashId) {
		castDue(flashId, 1);
	}

	/**
	 * Casts what is due, up to the batch size (the retry worker's path).
	 * @return how many casts were attempted
	 */
	int castDue() {
		return castDue(null, this.properties.retryBatchSize());
	}

	private int castDue(Long flashId, int limit) {
		if (!ready()) {
			return 0;
		}
		List<DueCast> due = this.links.takeDue(flashId, limit, this.properties.lookBack(), this.properties.lease());
		List<Long> untried = new ArrayList<>(due.stream().map(DueCast::flashId).toList());
		int attempted = 0;
		for (DueCast cast : due) {
			if (paused()) {
				break;
			}
			untried.remove(cast.flashId());
			attempted++;
			cast(cast);
		}
		// Neynar paused us mid-batch: the rest wait for the pause, not for the lease.
		this.links.release(untried, remainingPause());
		return attempted;
	}

	private void cast(DueCast cast) {
		String signer;
		try {
			signer = this.cipher.decrypt(cast.storedSigner());
		}
		catch (SignerDecryptionException ex) {
			// Our key, not the user's signer: keep the cast for when the key is fixed.
			this.metrics.failed();
			logger.error("Cannot decrypt the signer of user {} (check SIGNER_ENCRYPTION_KEY): {}", cast.fid(),
					ex.getMessage());
			this.links.failed(cast.flashId(), "signer cannot be decrypted", this.properties.maxRetryBackoff());
			return;
		}
		String text = this.properties.text().formatted((cast.city() != null) ? cast.city() : "a city");
		String embed = this.properties.embedBaseUrl() + String.valueOf(cast.flashId());
		try {
			PublishedCast published = this.neynar.publish(signer, text, embed, this.properties.channel(),
					NeynarCasts.idemFor(cast.flashId()));
			this.links.cast(cast.flashId(), published.hash(), published.authorUsername());
			this.metrics.published(cast.castableAt(), Instant.now());
			logger.info("Cast flash {} for user {}: {}", cast.flashId(), cast.fid(), published.hash());
		}
		catch (NeynarException ex) {
			this.metrics.failed();
			if (ex.refused()) {
				refused(cast, signer, ex);
			}
			else {
				retryLater(cast, ex);
			}
		}
	}

	/** 401/403: a revoked or unapproved signer stops the user's casts; else our key. */
	private void refused(DueCast cast, String signer, NeynarException ex) {
		String status;
		try {
			status = this.neynar.signerStatus(signer);
		}
		catch (NeynarException lookup) {
			status = lookup.refused() ? "refused" : null;
		}
		if (status == null) {
			retryLater(cast, ex);
			return;
		}
		if (!APPROVED.equals(status)) {
			String reason = "signer " + status + " (Neynar " + ex.status() + ")";
			if (this.links.stopCasting(cast.fid(), reason)) {
				this.metrics.signerRefused();
				logger.warn("Auto-cast turned off for user {}: {}", cast.fid(), reason);
			}
			return;
		}
		// The signer is fine, so Neynar refuses our API key: every cast would fail alike.
		Duration pause = this.properties.maxRetryBackoff();
		pause(pause);
		logger.error("Neynar refused a cast with an approved signer ({}): check NEYNAR_API_KEY; casts paused {}",
				ex.getMessage(), pause);
		this.links.failed(cast.flashId(), oneLine(ex), pause);
	}

	private void retryLater(DueCast cast, NeynarException ex) {
		Duration wait = (ex.retryAfter() != null) ? ex.retryAfter() : Backoff.jittered(this.properties.retryBackoff(),
				this.properties.maxRetryBackoff(), cast.attempts() + 1);
		if (ex.status() == 429 || ex.status() == 0 || ex.status() >= 500) {
			// Neynar as a whole is unwell or asks for a pause: hold every cast, not just
			// this one.
			pause(wait);
		}
		this.links.failed(cast.flashId(), oneLine(ex), wait);
		logger.warn("Cast of flash {} failed, next attempt in {} s: {}", cast.flashId(), wait.toSeconds(), oneLine(ex));
	}

	private boolean ready() {
		if (!this.properties.enabled()) {
			return false;
		}
		if (this.cipher == null) {
			if (!this.warnedUnconfigured) {
				this.warnedUnconfigured = true;
				logger.warn("Auto-cast waits: SIGNER_ENCRYPTION_KEY is not set (pinned flashes are linked, not cast)");
			}
			return false;
		}
		return !paused();
	}

	private boolean paused() {
		return System.nanoTime() - this.pausedUntilNanos < 0;
	}

	private Duration remainingPause() {
		return Duration.ofNanos(Math.max(0, this.pausedUntilNanos - System.nanoTime()));
	}

	private synchronized void pause(Duration wait) {
		long until = System.nanoTime() + wait.toNanos();
		if (until - this.pausedUntilNanos > 0) {
			this.pausedUntilNanos = until;
		}
	}

	private static String oneLine(Exception ex) {
		String message = Causes.describe(ex).replaceAll("\\s+", " ");
		return (message.length() > 300) ? message.substring(0, 300) + "…" : message;
	}

}
