package app.flashcastr.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The outbox relay ({@code flashcastr.outbox.*}, e.g. env {@code OUTBOX_BATCH_SIZE}).
 *
 * @param enabled whether the relay polls on its own (services also drain right after they
 * write)
 * @param pollInterval delay between polls when idle
 * @param batchSize entries published per transaction before waiting for their confirms
 * @param confirmTimeout how long to wait for the broker's confirm before the publish
 * counts as failed
 * @param retryBaseDelay first delay before a failed entry is retried; doubles per attempt
 * @param maxRetryDelay cap of the retry delay
 */
@Validated
@ConfigurationProperties("flashcastr.outbox")
record OutboxProperties(@DefaultValue("true") boolean enabled, @NotNull @DefaultValue("1s") Duration pollInterval,
		@Min(1) @Max(10000) @DefaultValue("500") int batchSize, @NotNull @DefaultValue("10s") Duration confirmTimeout,
		@NotNull @DefaultValue("1s") Duration retryBaseDelay, @NotNull @DefaultValue("60s") Duration maxRetryDelay) {
}
