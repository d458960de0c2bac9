package app.flashcastr.api.hardening;

import java.time.Duration;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.parser.ParserOptions;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;

import app.flashcastr.api.errors.ApiErrorType;
import app.flashcastr.api.metrics.GraphQlMetrics;

/**
 * Refuses a document longer than {@code max-document-chars} before it is parsed, and
 * gives the parser this request's character and token limits, so 10,000 aliases or a
 * megabyte of query cost a length check, not a parse.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DocumentLimitInterceptor implements WebGraphQlInterceptor {

	private final HardeningProperties properties;

	private final ParserOptions parserOptions;

	private final GraphQlMetrics metrics;

	DocumentLimitInterceptor(HardeningProperties properties, GraphQlMetrics metrics) {
		this.properties = properties;
		this.metrics = metrics;
		this.parserOptions = properties.parserOptions();
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		String document = request.getDocument();
		if (document != null && document.length() > this.properties.maxDocumentChars()) {
			this.metrics.record(GraphQlMetrics.UNKNOWN_TYPE, request.getOperationName(), Duration.ZERO, true);
			ExecutionResult result = ExecutionResult.newExecutionResult()
				.addError(GraphqlErrorBuilder.newError()
					.errorType(ApiErrorType.BAD_USER_INPUT)
					.message("Document too large: " + document.length() + " characters, at most "
							+ this.properties.maxDocumentChars())
					.build())
				.build();
			return Mono
				.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result)));
		}
		request.configureExecutionInput(
				(input, builder) -> builder.graphQLContext(Map.of(ParserOptions.class, this.parserOptions)).build());
		return chain.next(request);
	}

}
