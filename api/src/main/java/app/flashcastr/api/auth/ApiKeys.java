package app.flashcastr.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import graphql.schema.DataFetchingEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import app.flashcastr.api.errors.ApiErrorType;
import app.flashcastr.api.errors.ApiException;

/**
 * Checks the {@code X-API-KEY} header of the current request against
 * {@code flashcastr.api.api-key}. Both sides are hashed first and compared with
 * {@link MessageDigest#isEqual}, so neither the content nor the length of the key leaks
 * through timing.
 */
@Component
public class ApiKeys {

	private static final Logger logger = LoggerFactory.getLogger(ApiKeys.class);

	/** Key of the header value in the GraphQL context. */
	static final String CONTEXT_KEY = ApiKeys.class.getName() + ".apiKey";

	static final String UNAUTHORIZED_MESSAGE = "Unauthorized: Invalid API key";

	private final byte[] expectedDigest;

	ApiKeys(ApiKeyProperties properties) {
		String key = properties.apiKey();
		if (key == null || key.isBlank()) {
			this.expectedDigest = null;
			logger.warn("No API key configured (API_KEY): protected mutations are refused");
		}
		else {
			this.expectedDigest = sha256(key);
		}
	}

	/**
	 * Throws an {@code UNAUTHORIZED} {@link ApiException} unless the request carries the
	 * configured API key.
	 * @param env the data fetching environment of the protected field
	 */
	public void require(DataFetchingEnvironment env) {
		String provided = env.getGraphQlContext().get(CONTEXT_KEY);
		if (!matches(provided)) {
			throw new ApiException(ApiErrorType.UNAUTHORIZED, UNAUTHORIZED_MESSAGE);
		}
	}

	boolean matches(String provided) {
		if (this.expectedDigest == null || provided == null) {
			return false;
		}
		return MessageDigest.isEqual(this.expectedDigest, sha256(provided));
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
