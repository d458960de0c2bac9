package app.flashcastr.consumer.pin;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * IPFS pinning ({@code invaders.consumer.ipfs.*}).
 *
 * @param provider which service pins
 * @param pinataUrl Pinata API base URL
 * @param pinataJwt Pinata JWT (secret: never logged)
 * @param kuboUrl Kubo RPC base URL
 * @param timeout whole-call timeout of one pin
 */
@Validated
@ConfigurationProperties("invaders.consumer.ipfs")
record IpfsProperties(@NotNull @DefaultValue("kubo") Provider provider,
		@NotNull @DefaultValue("https://api.pinata.cloud") URI pinataUrl, @DefaultValue("") String pinataJwt,
		@NotNull @DefaultValue("http://127.0.0.1:5001") URI kuboUrl, @NotNull @DefaultValue("60s") Duration timeout) {

	@Override
	public String toString() {
		// The JWT is a secret: keep it out of logs and error messages.
		return "IpfsProperties[provider=" + this.provider + ", pinataUrl=" + this.pinataUrl + ", kuboUrl="
				+ this.kuboUrl + ", timeout=" + this.timeout + "]";
	}

	/** IPFS pinning services. */
	enum Provider {

		/** Pinata's {@code pinFileToIPFS} with a JWT. */
		PINATA,
		/** A Kubo node's HTTP RPC {@code /api/v0/add} (self-hosted). */
		KUBO

	}

}
