package app.flashcastr.api.errors;

import graphql.ErrorClassification;

/**
 * The classifications of the API's own errors, shown to clients as
 * {@code extensions.classification} (upstream's {@code code}).
 */
public enum ApiErrorType implements ErrorClassification {

	/** The arguments are out of range or malformed. */
	BAD_USER_INPUT,

	/** A protected mutation without a valid {@code X-API-KEY}. */
	UNAUTHORIZED,

	/** The addressed resource does not exist. */
	NOT_FOUND,

	/** Anything else: the details stay in the server log. */
	INTERNAL

}
