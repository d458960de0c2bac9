package app.flashcastr.api.signup;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Signup settings, under {@code flashcastr.signup}. Without a mnemonic or key the API
 * still starts; signup then answers "signup is not configured".
 *
 * @param developerMnemonic BIP-39 mnemonic of the app account
 * ({@code FARCASTER_DEVELOPER_MNEMONIC}), key at {@code m/44'/60'/0'/0/0}
 * @param signerEncryptionKey 64 hex characters ({@code SIGNER_ENCRYPTION_KEY}), shared
 * with the producer
 * @param backlinkCap at most this many of the player's flashes (the newest) are linked at
 * signup
 * @param signatureValidity how long the signed key request stays valid (its deadline)
 */
@ConfigurationProperties("flashcastr.signup")
@Validated
public record SignupProperties(String developerMnemonic, String signerEncryptionKey,
		@DefaultValue("7000") @Min(0) @Max(1_000_000) int backlinkCap,
		@DefaultValue("24h") @NotNull Duration signatureValidity) {

	@Override
	public String toString() {
		// Never print secrets, e.g. in a startup failure report.
		return "SignupProperties[developerMnemonic=" + mask(this.developerMnemonic) + ", signerEncryptionKey="
				+ mask(this.signerEncryptionKey) + ", backlinkCap=" + this.backlinkCap + ", signatureValidity="
				+ this.signatureValidity + "]";
	}

	private static String mask(String secret) {
		return (secret == null || secret.isBlank()) ? "<unset>" : "***";
	}

}
