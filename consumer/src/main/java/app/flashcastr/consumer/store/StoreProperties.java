package app.flashcastr.consumer.store;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Batched CID writes ({@code invaders.consumer.store.*}).
 *
 * @param batchSize rows per UPDATE ({@code STORE_BATCH_SIZE})
 * @param maxWait extra time a batch may linger for more rows (0: group commit only,
 * measured best)
 */
@Validated
@ConfigurationProperties("invaders.consumer.store")
record StoreProperties(@Min(1) @Max(5000) @DefaultValue("200") int batchSize,
		@NotNull @DefaultValue("0ms") Duration maxWait) {
}
