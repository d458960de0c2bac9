package app.flashcastr.producer.cast;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Auto-cast settings ({@code invaders.bot.cast.*}); Neynar itself is configured under
 * {@code flashcastr.neynar} as in the API.
 *
 * @param enabled whether pinned flashes are cast at all (links are recorded either way)
 * @param signerEncryptionKey hex AES-256 key of the stored signers
 * ({@code SIGNER_ENCRYPTION_KEY}, shared with the API); without it casts wait
 * @param text cast text, {@code %s} is the city
 * @param embedBaseUrl the flash page, the flash id is appended
 * @param channel Farcaster channel of the casts
 * @param retryInterval how often the retry worker looks for due casts
 * @param retryBatchSize due casts taken per run
 * @param lookBack flashes older than this are not cast any more
 * @param retryBackoff wait after a first failure, doubled per attempt
 * @param maxRetryBackoff cap of that wait
 * @param lease how long a taken cast is kept from other workers (longer than one call)
 */
@Validated
@ConfigurationProperties("invaders.bot.cast")
public record CastProperties(@DefaultValue("true") boolean enabled, String signerEncryptionKey,
		@NotBlank @DefaultValue("I just flashed an Invader in %s! 👾") String text,
		@NotNull @DefaultValue("https://www.flashcastr.app/flash/") URI embedBaseUrl,
		@NotBlank @DefaultValue("invaders") String channel, @NotNull @DefaultValue("30s") Duration retryInterval,
		@Min(1) @Max(1000) @DefaultValue("50") int retryBatchSize, @NotNull @DefaultValue("7d") Duration lookBack,
		@NotNull @DefaultValue("15s") Duration retryBackoff, @NotNull @DefaultValue("10m") Duration maxRetryBackoff,
		@NotNull @DefaultValue("2m") Duration lease) {

	boolean hasSignerKey() {
		return this.signerEncryptionKey != null && !this.signerEncryptionKey.isBlank();
	}

	@Override
	public String toString() {
		// The key never reaches a log or a start-up failure report.
		return "CastProperties[enabled=" + this.enabled + ", signerEncryptionKey="
				+ (hasSignerKey() ? "***" : "<unset>") + ", channel=" + this.channel + ", retryInterval="
				+ this.retryInterval + ", retryBatchSize=" + this.retryBatchSize + ", lookBack=" + this.lookBack + "]";
	}

}
