package app.flashcastr.api.execution;

import java.util.concurrent.CompletableFuture;

import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.web.servlet.function.AsyncServerResponse;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * GraphQL over HTTP answered on the request's own dispatch when the answer is ready.
 * Spring GraphQL always answers with an async response: the servlet container then starts
 * async processing and dispatches the request a second time (a new thread, the filter
 * chain and the dispatcher again) to write an answer that our fetchers, which run on the
 * request's thread, had already produced. An answer still pending (none today) or an
 * execution that failed keeps Spring GraphQL's async path and its error handling.
 */
final class SynchronousGraphQlHttpHandler extends GraphQlHttpHandler {

	SynchronousGraphQlHttpHandler(WebGraphQlHandler graphQlHandler) {
		super(graphQlHandler);
	}

	@Override
	protected ServerResponse prepareResponse(ServerRequest request, Mono<WebGraphQlResponse> responseMono) {
		CompletableFuture<WebGraphQlResponse> answer = responseMono.toFuture();
		if (!answer.isDone() || answer.isCompletedExceptionally()) {
			return super.prepareResponse(request, Mono.fromFuture(answer));
		}
		ServerResponse ready = super.prepareResponse(request, Mono.just(answer.join()));
		// Built from a completed answer, so its future is complete: this does not wait.
		return (ready instanceof AsyncServerResponse async) ? async.block() : ready;
	}

}
