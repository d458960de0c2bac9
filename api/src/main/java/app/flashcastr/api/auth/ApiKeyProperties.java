package app.flashcastr.api.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The API key protected mutations require, under {@code flashcastr.api} (env
 * {@code API_KEY}). Blank means no key was configured: every protected mutation is then
 * refused.
 *
 * @param apiKey the expected value of the {@code X-API-KEY} header
 */
@ConfigurationProperties("flashcastr.api")
public record ApiKeyProperties(String apiKey) {

	@Override
	public String toString() {
		// Never print the key, e.g. in a startup failure report.
		return "ApiKeyProperties[apiKey=" + (((this.apiKey == null) || this.apiKey.isBlank()) ? "<unset>" : "***")
				+ "]";
	}

}
