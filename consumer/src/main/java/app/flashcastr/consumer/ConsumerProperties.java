package app.flashcastr.consumer;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of invaders.consumer ({@code invaders.consumer.*}); application.yml maps
 * environment variables onto them.
 *
 * @param intake the queue listener
 * @param download image downloads from the feed host
 * @param ipfs the IPFS pinning service
 * @param breaker the circuit breaker around IPFS
 * @param hold how a flash holding its message retries a step while a service is down
 * @param store batched CID writes
 * @param backfill pinning stored flashes that still miss a CID
 */
@Validated
@ConfigurationProperties("invaders.consumer")
public record ConsumerProperties(@Valid @NotNull @DefaultValue Intake intake,
		@Valid @NotNull @DefaultValue Download download, @Valid @NotNull @DefaultValue Ipfs ipfs,
		@Valid @NotNull @DefaultValue Breaker breaker, @Valid @NotNull @DefaultValue Hold hold,
		@Valid @NotNull @DefaultValue Store store, @Valid @NotNull @DefaultValue Backfill backfill) {

	/**
	 * The queue listener (its concurrency, batch size and prefetch are Boot's
	 * {@code spring.rabbitmq.listener.simple.*}).
	 *
	 * @param slowThreshold a message slower than this (receive → ack) is counted as slow
	 * @param queueDepthMaxAge longest a queue depth read from the broker is reused by a
	 * scrape (the gauge reads the broker when scraped)
	 * @param backlogWarning queue depth from which backpressure is "warning"
	 * @param backlogCritical queue depth from which backpressure is "critical"
	 * @param ageWarning age of the newest received message from which backpressure is
	 * "warning"
	 * @param ageCritical age of the newest received message from which backpressure is
	 * "critical"
	 * @param batchWait how long a batch of messages is gathered before it goes to work
	 * with what arrived
	 */
	public record Intake(@NotNull @DefaultValue("5s") Duration slowThreshold,
			@NotNull @DefaultValue("1s") Duration queueDepthMaxAge, @Min(1) @DefaultValue("1000") long backlogWarning,
			@Min(1) @DefaultValue("10000") long backlogCritical, @NotNull @DefaultValue("60s") Duration ageWarning,
			@NotNull @DefaultValue("5m") Duration ageCritical, @NotNull @DefaultValue("20ms") Duration batchWait) {
	}

	/**
	 * Image downloads.
	 *
	 * @param baseUrl feed host the relative {@code img} paths are resolved against
	 * @param connectTimeout TCP connect timeout
	 * @param readTimeout whole-response timeout
	 * @param maxSize larger images are refused (permanent failure)
	 * @param maxAttempts quick tries of one download call for transient failures (the
	 * flash then holds its message, see {@link Hold})
	 * @param retryBaseDelay first retry delay, doubled per try, full jitter
	 * @param maxRetryDelay cap of one retry delay
	 * @param userAgent User-Agent header
	 */
	public record Download(@NotNull @DefaultValue("https://api.space-invaders.com") URI baseUrl,
			@NotNull @DefaultValue("5s") Duration connectTimeout, @NotNull @DefaultValue("30s") Duration readTimeout,
			@NotNull @DefaultValue("10MB") DataSize maxSize, @Min(1) @Max(10) @DefaultValue("3") int maxAttempts,
			@NotNull @DefaultValue("200ms") Duration retryBaseDelay,
			@NotNull @DefaultValue("5s") Duration maxRetryDelay,
			@NotNull @DefaultValue("Mozilla/5.0 (X11; Linux x86_64) invaders-consumer/1.0") String userAgent) {
	}

	/**
	 * IPFS pinning.
	 *
	 * @param provider which service pins
	 * @param pinataUrl Pinata API base URL
	 * @param pinataJwt Pinata JWT (secret: never logged)
	 * @param kuboUrl Kubo RPC base URL
	 * @param timeout whole-call timeout of one pin
	 */
	public record Ipfs(@NotNull @DefaultValue("kubo") Provider provider,
			@NotNull @DefaultValue("https://api.pinata.cloud") URI pinataUrl, @DefaultValue("") String pinataJwt,
			@NotNull @DefaultValue("http://127.0.0.1:5001") URI kuboUrl,
			@NotNull @DefaultValue("60s") Duration timeout) {

		@Override
		public String toString() {
			// The JWT is a secret: keep it out of logs and error messages.
			return "Ipfs[provider=" + this.provider + ", pinataUrl=" + this.pinataUrl + ", kuboUrl=" + this.kuboUrl
					+ ", timeout=" + this.timeout + "]";
		}

		/** IPFS pinning services. */
		public enum Provider {

			/** Pinata's {@code pinFileToIPFS} with a JWT. */
			PINATA,
			/** A Kubo node's HTTP RPC {@code /api/v0/add} (self-hosted). */
			KUBO

		}

	}

	/**
	 * The IPFS circuit breaker: a failure rate over a time window, so that it can open at
	 * a few flashes a minute.
	 *
	 * @param failureRateThreshold failure percentage over the window that opens it
	 * @param slidingWindow the time window the failure rate is measured over (whole
	 * seconds)
	 * @param minimumCalls calls in the window before the rate is judged
	 * @param openDuration time OPEN before it moves to HALF_OPEN by itself
	 * @param halfOpenCalls trial calls in HALF_OPEN
	 */
	public record Breaker(@Min(1) @Max(100) @DefaultValue("50") int failureRateThreshold,
			@NotNull @DefaultValue("60s") Duration slidingWindow, @Min(1) @DefaultValue("5") int minimumCalls,
			@NotNull @DefaultValue("30s") Duration openDuration, @Min(1) @DefaultValue("3") int halfOpenCalls) {
	}

	/**
	 * How a flash holds its message while PostgreSQL, IPFS or the image host fails
	 * transiently: the step is retried after a jittered delay that doubles per failure up
	 * to {@code maxDelay}, or after the service's {@code Retry-After} up to
	 * {@code maxRetryAfter}, until it succeeds or the service shuts down. Never
	 * dead-lettered for it.
	 *
	 * @param baseDelay first retry delay
	 * @param maxDelay cap of the doubling delay (also the longest gap between two probes
	 * of a service that is down)
	 * @param maxRetryAfter cap of an honoured {@code Retry-After}
	 */
	public record Hold(@NotNull @DefaultValue("100ms") Duration baseDelay,
			@NotNull @DefaultValue("5s") Duration maxDelay, @NotNull @DefaultValue("60s") Duration maxRetryAfter) {
	}

	/**
	 * Batched CID writes.
	 *
	 * @param batchSize rows per UPDATE
	 * @param maxWait extra time a batch may linger for more rows (0: group commit only,
	 * measured best)
	 */
	public record Store(@Min(1) @Max(5000) @DefaultValue("200") int batchSize,
			@NotNull @DefaultValue("0ms") Duration maxWait) {
	}

	/**
	 * Backfill of stored flashes still missing a CID.
	 *
	 * @param ratePerSecond flashes queued per second
	 * @param pageSize flashes read per query
	 */
	public record Backfill(@Min(1) @DefaultValue("50") int ratePerSecond,
			@Min(1) @Max(10000) @DefaultValue("500") int pageSize) {
	}

}
