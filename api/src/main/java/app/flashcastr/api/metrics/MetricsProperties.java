package app.flashcastr.api.metrics;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the API's meters, under {@code flashcastr.api.metrics}.
 *
 * @param gaugesEnabled whether the user and flash gauges are refreshed in the background
 * @param gaugeRefresh how often those gauges are recomputed
 * @param maxOperationNames distinct (type, name) pairs counted by name; later ones count
 * as {@code other}
 */
@Validated
@ConfigurationProperties("flashcastr.api.metrics")
public record MetricsProperties(@DefaultValue("true") boolean gaugesEnabled, @DefaultValue("60s") Duration gaugeRefresh,
		@DefaultValue("50") @Min(1) int maxOperationNames) {

}
