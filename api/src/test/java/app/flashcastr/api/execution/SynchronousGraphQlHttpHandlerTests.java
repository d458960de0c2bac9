package app.flashcastr.api.execution;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.graphql.ExecutionGraphQlResponse;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.function.AsyncServerResponse;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import app.flashcastr.api.CoreApiTest;
import app.flashcastr.api.Seed;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import io.micrometer.context.ContextSnapshotFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A GraphQL request is answered on its own dispatch when its answer is ready, which with
 * the API's fetchers (run on the request's thread, DataLoaders included) is every time; a
 * pending answer still gets the async response.
 */
@CoreApiTest
class SynchronousGraphQlHttpHandlerTests {

	private static final List<HttpMessageConverter<?>> CONVERTERS = List.of(new JacksonJsonHttpMessageConverter());

	private final GraphQlHttpHandler handler;

	SynchronousGraphQlHttpHandlerTests(GraphQlHttpHandler handler, JdbcClient jdbc) {
		Seed.ensure(jdbc);
		this.handler = handler;
	}

	@Test
	void theApisHandlerAnswersOnTheRequestsOwnDispatchEvenThroughDataLoaders() throws Exception {
		assertThat(this.handler).isInstanceOf(SynchronousGraphQlHttpHandler.class);
		// farcaster_user and identification are loaded in batches by DataLoaders.
		ServerResponse response = this.handler.handleRequest(post("{ unifiedFlash(flash_id: \"1\") { flash_id "
				+ "farcaster_user { username } identification { matched_flash_name } } }"));

		assertThat(response).isNotInstanceOf(AsyncServerResponse.class);
		assertThat(response.statusCode()).isEqualTo(HttpStatus.OK);
		MockHttpServletResponse written = write(response);
		assertThat(written.getContentAsString(StandardCharsets.UTF_8)).contains("\"username\":\"alice\"")
			.contains("\"matched_flash_name\":\"PA_0003\"");
	}

	@Test
	void aPendingAnswerKeepsTheAsyncResponse() throws Exception {
		Mono<WebGraphQlResponse> later = Mono.delay(Duration.ofMillis(50)).map((tick) -> answer());
		ServerResponse response = new SynchronousGraphQlHttpHandler(handlerAnswering(later))
			.handleRequest(post("{ __typename }"));

		assertThat(response).isInstanceOf(AsyncServerResponse.class);
		assertThat(((AsyncServerResponse) response).block().statusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void aFailedExecutionKeepsTheAsyncResponseAndItsErrorHandling() throws Exception {
		ServerResponse response = new SynchronousGraphQlHttpHandler(
				handlerAnswering(Mono.error(new IllegalStateException("engine down"))))
			.handleRequest(post("{ __typename }"));

		assertThat(response).isInstanceOf(AsyncServerResponse.class);
	}

	private static ServerRequest post(String document) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/graphql");
		request.setContentType(MediaType.APPLICATION_JSON_VALUE);
		request.addHeader("Accept", MediaType.APPLICATION_JSON_VALUE);
		String escaped = document.replace("\\", "\\\\").replace("\"", "\\\"");
		request.setContent(("{\"query\":\"" + escaped + "\"}").getBytes(StandardCharsets.UTF_8));
		return ServerRequest.create(request, CONVERTERS);
	}

	private static MockHttpServletResponse write(ServerResponse response) throws Exception {
		MockHttpServletResponse servletResponse = new MockHttpServletResponse();
		response.writeTo(new MockHttpServletRequest(), servletResponse, () -> CONVERTERS);
		return servletResponse;
	}

	private static WebGraphQlResponse answer() {
		ExecutionGraphQlResponse execution = new DefaultExecutionGraphQlResponse(
				ExecutionInput.newExecutionInput("{ __typename }").build(),
				ExecutionResult.newExecutionResult().data(Map.of("__typename", "Query")).build());
		return new WebGraphQlResponse(execution);
	}

	private static WebGraphQlHandler handlerAnswering(Mono<WebGraphQlResponse> answer) {
		return new WebGraphQlHandler() {
			@Override
			public WebSocketGraphQlInterceptor getWebSocketInterceptor() {
				return new WebSocketGraphQlInterceptor() {
				};
			}

			@Override
			public ContextSnapshotFactory contextSnapshotFactory() {
				return ContextSnapshotFactory.builder().build();
			}

			@Override
			public Mono<WebGraphQlResponse> handleRequest(WebGraphQlRequest request) {
				return answer;
			}
		};
	}

}
