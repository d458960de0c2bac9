package app.flashcastr.consumer.backfill;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Backfill of stored flashes still missing a CID ({@code invaders.consumer.backfill.*}).
 *
 * @param ratePerSecond flashes queued per second
 * @param pageSize flashes read per query
 */
@Validated
@ConfigurationProperties("invaders.consumer.backfill")
record BackfillProperties(@Min(1) @DefaultValue("50") int ratePerSecond,
		@Min(1) @Max(10000) @DefaultValue("500") int pageSize) {
}
