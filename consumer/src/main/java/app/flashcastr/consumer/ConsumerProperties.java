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
 * @param store batched CID writes
 * @param backfill pinning stored flashes that still miss a CID
 */
@Validated
@ConfigurationProperties("invaders.consumer")
public record ConsumerProperties(@Valid @NotNull @DefaultValue Intake intake,
		@Valid @NotNull @DefaultValue Download download, @Valid @NotNull @DefaultValue Ipfs ipfs,
		@Valid @NotNull @DefaultValue Breaker breaker, @Valid @NotNull @DefaultValue Store store,
		@Valid @NotNull @DefaultValue Backfill backfill) {

	/**
	 * The queue listener (its concurrency, batch size and prefetch are Boot's
	 * {@code spring.rabbitmq.listener.simple.*}).
	 *
	 * @param slowThreshold a message slower than this (receive → ack) is counted as slow
	 * @param queueDepthRefresh how often the queue depth is read from the broker
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
			@NotNull @DefaultValue("15s") Duration queueDepthRefresh, @Min(1) @DefaultValue("1000") long backlogWarning,
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
	 * @param maxAttempts tries per message for transient failures
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
	 * @param maxAttempts tries per message for transient failures
	 * @param retryBaseDelay first retry delay, doubled per try, full jitter
	 * @param maxRetryAfter cap of an honoured {@code Retry-After}
	 */
	public record Ipfs(@NotNull @DefaultValue("kubo") Provider provider,
			@NotNull @DefaultValue("https://api.pinata.cloud") URI pinataUrl, @DefaultValue("") String pinataJwt,
			@NotNull @DefaultValue("http://127.0.0.1:5001") URI kuboUrl, @NotNull @DefaultValue("60s") Duration timeout,
			@Min(1) @Max(10) @DefaultValue("3") int maxAttempts,
			@NotNull @DefaultValue("500ms") Duration retryBaseDelay,
			@NotNull @DefaultValue("60s") Duration maxRetryAfter) {

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
	 * The IPFS circuit breaker.
	 *
	 * @param failureRateThreshold failure percentage over the window that opens it
	 * @param slidingWindowSize calls in the failure-rate window
	 * @param minimumCalls calls before the rate is judged
	 * @param openDuration time OPEN before it moves to HALF_OPEN by itself
	 * @param halfOpenCalls trial calls in HALF_OPEN
	 */
	public record Breaker(@Min(1) @Max(100) @DefaultValue("50") int failureRateThreshold,
			@Min(1) @DefaultValue("50") int slidingWindowSize, @Min(1) @DefaultValue("20") int minimumCalls,
			@NotNull @DefaultValue("30s") Duration openDuration, @Min(1) @DefaultValue("3") int halfOpenCalls) {
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
