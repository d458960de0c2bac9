package app.flashcastr.consumer.download;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Image downloads ({@code invaders.consumer.download.*}).
 *
 * @param baseUrl feed host the relative {@code img} paths are resolved against
 * @param connectTimeout TCP connect timeout
 * @param readTimeout whole-response timeout
 * @param maxSize larger images are refused (permanent failure)
 * @param maxAttempts quick tries of one download call for transient failures (the flash
 * then holds its message, see {@code invaders.consumer.hold})
 * @param retryBaseDelay first retry delay, doubled per try, full jitter
 * @param maxRetryDelay cap of one retry delay
 * @param userAgent User-Agent header
 */
@Validated
@ConfigurationProperties("invaders.consumer.download")
record DownloadProperties(@NotNull @DefaultValue("https://api.space-invaders.com") URI baseUrl,
		@NotNull @DefaultValue("5s") Duration connectTimeout, @NotNull @DefaultValue("30s") Duration readTimeout,
		@NotNull @DefaultValue("10MB") DataSize maxSize, @Min(1) @Max(10) @DefaultValue("3") int maxAttempts,
		@NotNull @DefaultValue("200ms") Duration retryBaseDelay, @NotNull @DefaultValue("5s") Duration maxRetryDelay,
		@NotNull @DefaultValue("Mozilla/5.0 (X11; Linux x86_64) invaders-consumer/1.0") String userAgent) {
}
