package app.flashcastr.consumer.pin;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The IPFS circuit breaker ({@code invaders.consumer.breaker.*}): a failure rate over a
 * time window, so that it can open at a few flashes a minute.
 *
 * @param failureRateThreshold failure percentage over the window that opens it
 * @param slidingWindow the time window the failure rate is measured over (whole seconds)
 * @param minimumCalls calls in the window before the rate is judged
 * @param openDuration time OPEN before it moves to HALF_OPEN by itself
 * @param halfOpenCalls trial calls in HALF_OPEN
 */
@Validated
@ConfigurationProperties("invaders.consumer.breaker")
record BreakerProperties(@Min(1) @Max(100) @DefaultValue("50") int failureRateThreshold,
		@NotNull @DefaultValue("60s") Duration slidingWindow, @Min(1) @DefaultValue("5") int minimumCalls,
		@NotNull @DefaultValue("30s") Duration openDuration, @Min(1) @DefaultValue("3") int halfOpenCalls) {
}
