package app.flashcastr.neynar;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service reaches Neynar, under {@code flashcastr.neynar} (upstream's env:
 * {@code NEYNAR_API_KEY}; {@code NEYNAR_API_URL} for the simulator).
 *
 * @param baseUrl Neynar's base URL, without {@code /v2}
 * @param apiKey sent as {@code x-api-key}; blank makes every call fail with a clear error
 * @param connectTimeout TCP connect timeout
 * @param readTimeout time allowed for one whole answer
 * @param maxRetries retries after a 429, a 5xx or no answer (0 = none)
 * @param retryBackoff first retry delay when Neynar gives no {@code Retry-After}
 * (doubled, jittered)
 * @param maxRetryDelay the longest wait before a retry; a longer {@code Retry-After}
 * fails the call at once
 */
@ConfigurationProperties("flashcastr.neynar")
@Validated
public record NeynarProperties(@DefaultValue("https://api.neynar.com") @NotNull URI baseUrl, String apiKey,
		@DefaultValue("2s") @NotNull Duration connectTimeout, @DefaultValue("5s") @NotNull Duration readTimeout,
		@DefaultValue("2") @Min(0) @Max(10) int maxRetries, @DefaultValue("200ms") @NotNull Duration retryBackoff,
		@DefaultValue("3s") @NotNull Duration maxRetryDelay) {

	/**
	 * Whether a key is configured.
	 * @return true when {@code apiKey} is not blank
	 */
	public boolean hasApiKey() {
		return this.apiKey != null && !this.apiKey.isBlank();
	}

	@Override
	public String toString() {
		// Never print the key, e.g. in a startup failure report.
		return "NeynarProperties[baseUrl=" + this.baseUrl + ", apiKey=" + (hasApiKey() ? "***" : "<unset>")
				+ ", connectTimeout=" + this.connectTimeout + ", readTimeout=" + this.readTimeout + ", maxRetries="
				+ this.maxRetries + ", retryBackoff=" + this.retryBackoff + ", maxRetryDelay=" + this.maxRetryDelay
				+ "]";
	}

}
