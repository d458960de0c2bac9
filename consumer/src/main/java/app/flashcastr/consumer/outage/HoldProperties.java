package app.flashcastr.consumer.outage;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a flash holds its message while PostgreSQL, IPFS or the image host fails
 * transiently ({@code invaders.consumer.hold.*}): the step is retried after a jittered
 * delay that doubles per failure up to {@code maxDelay}, or after the service's
 * {@code Retry-After} up to {@code maxRetryAfter}, until it succeeds or the service shuts
 * down. Never dead-lettered for it.
 *
 * @param baseDelay first retry delay
 * @param maxDelay cap of the doubling delay (also the longest gap between two probes of a
 * service that is down)
 * @param maxRetryAfter cap of an honoured {@code Retry-After}
 */
@Validated
@ConfigurationProperties("invaders.consumer.hold")
record HoldProperties(@NotNull @DefaultValue("100ms") Duration baseDelay,
		@NotNull @DefaultValue("5s") Duration maxDelay, @NotNull @DefaultValue("60s") Duration maxRetryAfter) {
}
