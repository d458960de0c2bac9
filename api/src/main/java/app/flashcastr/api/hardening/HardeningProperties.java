package app.flashcastr.api.hardening;

import graphql.parser.ParserOptions;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on GraphQL requests, under {@code flashcastr.api.hardening}.
 *
 * @param maxDepth deepest field nesting
 * @param maxComplexity most fields (aliases included) one operation may select
 * @param maxDocumentChars longest document, in characters
 * @param maxTokens most parser tokens in a document
 * @param maxRequestBytes biggest HTTP body accepted on the GraphQL paths (document,
 * variables and JSON framing)
 */
@Validated
@ConfigurationProperties("flashcastr.api.hardening")
public record HardeningProperties(@DefaultValue("10") @Min(1) int maxDepth,
		@DefaultValue("1000") @Min(1) int maxComplexity, @DefaultValue("65536") @Min(1) int maxDocumentChars,
		@DefaultValue("15000") @Min(1) int maxTokens, @DefaultValue("262144") @Min(1) long maxRequestBytes) {

	/** The parser's limits for one request's document: characters and tokens. */
	public ParserOptions parserOptions() {
		return ParserOptions.getDefaultOperationParserOptions()
			.transform((builder) -> builder.maxCharacters(this.maxDocumentChars).maxTokens(this.maxTokens));
	}

}
