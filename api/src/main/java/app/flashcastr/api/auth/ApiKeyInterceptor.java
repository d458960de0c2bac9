package app.flashcastr.api.auth;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Copies the {@code X-API-KEY} header into the GraphQL context, where {@link ApiKeys}
 * checks it for the protected mutations.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiKeyInterceptor implements WebGraphQlInterceptor {

	static final String HEADER = "X-API-KEY";

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		String key = request.getHeaders().getFirst(HEADER);
		if (key != null) {
			request.configureExecutionInput(
					(input, builder) -> builder.graphQLContext(Map.of(ApiKeys.CONTEXT_KEY, key)).build());
		}
		return chain.next(request);
	}

}
